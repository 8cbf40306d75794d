// Offline checks of the deployment files that no renderer looks at:
//  - Dockerfiles: every COPY source (outside multi-stage --from) exists in the build context (the repository
//    root), EXPOSE is the service's port, the build runs the module's Maven build, JVM images copy the
//    fast-jar layout, native ones build with -Dnative in a Mandrel builder;
//  - the per-Dockerfile .dockerignore files are identical (one rule set, six copies BuildKit needs);
//  - the dev overlay's JWT key pair is still patient-service's committed dev pair.
// Usage: node check-files.mjs <repository root>. Exits 1 with one line per problem.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? ".";
const problems = [];
const fail = (msg) => problems.push(msg);
const SERVICES = { "patient-service": 8081, "imaging-service": 8082, "analytics-service": 8083 };
const read = (p) => readFileSync(join(root, p), "utf8");

// one logical line per instruction (continuations joined), comments dropped
const instructions = (text) => text.replace(/\\\n/g, " ").split("\n")
  .map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
  .map((l) => { const [op, ...rest] = l.split(/\s+/); return { op: op.toUpperCase(), args: rest }; });

const globExists = (pattern) => {
  if (!/[*?[]/.test(pattern)) return existsSync(join(root, pattern));
  const dir = pattern.includes("/") ? pattern.slice(0, pattern.lastIndexOf("/")) : ".";
  const re = new RegExp("^" + pattern.slice(pattern.lastIndexOf("/") + 1)
    .replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return existsSync(join(root, dir)) && readdirSync(join(root, dir)).some((f) => re.test(f));
};

let ignoreText = null;
for (const [svc, port] of Object.entries(SERVICES)) {
  for (const variant of ["jvm", "native"]) {
    const path = `deploy/docker/${svc}/Dockerfile.${variant}`;
    if (!existsSync(join(root, path))) { fail(`${path}: missing`); continue; }
    const ins = instructions(read(path));
    if (!ins.some((i) => i.op === "FROM")) fail(`${path}: no FROM`);
    const stages = ins.filter((i) => i.op === "FROM").length;
    if (stages < 2) fail(`${path}: expected a multi-stage build (build, then runtime)`);
    for (const i of ins.filter((x) => x.op === "COPY" || x.op === "ADD")) {
      if (i.args.some((a) => a.startsWith("--from"))) continue;
      const plain = i.args.filter((a) => !a.startsWith("--"));
      for (const src of plain.slice(0, -1)) if (!globExists(src)) fail(`${path}: COPY source ${src} does not exist`);
    }
    const expose = ins.filter((i) => i.op === "EXPOSE").flatMap((i) => i.args);
    if (!expose.includes(String(port))) fail(`${path}: must EXPOSE ${port}`);
    const run = ins.filter((i) => i.op === "RUN").map((i) => i.args.join(" ")).join("\n");
    if (!run.includes(`-pl ${svc} -am package`)) fail(`${path}: must build with ./mvnw -pl ${svc} -am package`);
    if (variant === "native") {
      if (!run.includes("-Dnative")) fail(`${path}: native build must pass -Dnative`);
      if (!read(path).includes("mandrel-builder-image")) fail(`${path}: native build must use a Mandrel builder image`);
    } else if (!read(path).includes(`/build/${svc}/target/quarkus-app/`)) {
      fail(`${path}: JVM image must copy the fast-jar layout target/quarkus-app`);
    }
    if (svc !== "patient-service" && !/freetype/.test(read(path))) fail(`${path}: AWT needs freetype and fontconfig in the runtime image`);
    const ignore = `${path}.dockerignore`;
    if (!existsSync(join(root, ignore))) fail(`${ignore}: missing (without it the whole repository, .git and targets included, is sent to the builder)`);
    else if (ignoreText === null) ignoreText = read(ignore);
    else if (read(ignore) !== ignoreText) fail(`${ignore}: differs from the other .dockerignore files`);
  }
}

for (const which of ["private", "public"]) {
  const copy = `deploy/k8s/overlays/dev/jwt/dev-${which}-key.pem`;
  const original = `patient-service/src/main/resources/jwt/dev-${which}-key.pem`;
  if (!existsSync(join(root, original))) continue; // the service moved its dev keys: nothing to compare with
  if (!existsSync(join(root, copy)) || read(copy) !== read(original)) fail(`${copy}: must be a copy of ${original}`);
}

if (problems.length) {
  console.error(problems.map((p) => `FAIL ${p}`).join("\n"));
  process.exit(1);
}
console.log("files: Dockerfiles, .dockerignore files and dev keys consistent");
