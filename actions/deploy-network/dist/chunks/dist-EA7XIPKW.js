import { createRequire as __chainopsCreateRequire } from 'node:module';
const require = __chainopsCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-QWAG455R.js";
import "./chunk-JSLAZ6OJ.js";
import "./chunk-ZZWIB55L.js";
export default require_dist();
