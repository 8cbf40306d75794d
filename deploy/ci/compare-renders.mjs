// The same overlay rendered by two kustomize versions (current kubectl, and Debian's kubectl with kustomize v2)
// must give the same objects; generated names differ only in their hash suffix, so those are masked.
// Usage: node compare-renders.mjs a.yaml b.yaml
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const canonical = (v) => Array.isArray(v) ? v.map(canonical)
  : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
const load = (file) => {
  const text = readFileSync(file, "utf8");
  // hash suffixes of generated ConfigMaps/Secrets: take the names from the objects themselves
  const docs = parseAllDocuments(text).map((d) => d.toJSON()).filter(Boolean);
  // one wraps base64 Secret data in lines, the other does not; the API server reads both alike
  for (const o of docs) if (o.kind === "Secret" && o.data) for (const k of Object.keys(o.data)) o.data[k] = String(o.data[k]).replace(/\s+/g, "");
  // kustomize v2 leaves empty labels/annotations behind after a generator merge
  for (const o of docs) for (const k of ["labels", "annotations"]) {
    if (o.metadata?.[k] && Object.keys(o.metadata[k]).length === 0) delete o.metadata[k];
  }
  const hashed = docs.filter((o) => ["ConfigMap", "Secret"].includes(o.kind))
    .map((o) => o.metadata.name).filter((n) => /-[a-z0-9]{10}$/.test(n));
  let masked = JSON.stringify(docs);
  for (const n of hashed) masked = masked.split(`"${n}"`).join(`"${n.slice(0, -11)}-<hash>"`);
  return new Map(JSON.parse(masked).map((o) => [`${o.kind}/${o.metadata.name}`, JSON.stringify(canonical(o))]));
};
const [a, b] = process.argv.slice(2).map(load);
const diffs = [];
for (const k of new Set([...a.keys(), ...b.keys()])) {
  if (!a.has(k) || !b.has(k)) diffs.push(`${k} rendered by only one kustomize`);
  else if (a.get(k) !== b.get(k)) diffs.push(`${k} rendered differently`);
}
if (diffs.length) {
  console.error(diffs.map((d) => `FAIL ${d}`).join("\n"));
  process.exit(1);
}
console.log(`both kustomize versions render the same ${a.size} objects`);
