import { createRequire as __chainopsCreateRequire } from 'node:module';
const require = __chainopsCreateRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-NNNBU3PO.js";
import "./chunk-ZZWIB55L.js";
export {
  context,
  getOctokit
};
