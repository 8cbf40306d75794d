// Offline checks of the rendered Kubernetes manifests of one overlay (and, when given, of the rendered Compose file):
//  1. schema: every object validated against the Kubernetes OpenAPI schemas (npm kubernetes-models), plus
//     unknown fields (a typo such as `imagePullPolicyy`) caught by TypeScript's excess-property check on the
//     same models' types;
//  2. references: selectors, Services, HPA targets, PDBs, Ingress backends, ConfigMaps, Secrets, NetworkPolicies
//     point at things that exist;
//  3. MDMS rules: probes on /q/health/ready and /q/health/live, requests and limits everywhere, exactly one
//     analytics sync worker, who may reach patient-service, MySQL and MinIO, distributed MinIO in prod;
//  4. parity: Compose runs the same images with the same environment variable names (and non-secret values).
// Usage: node check-manifests.mjs --overlay dev --manifests rendered.yaml [--compose compose-config.yaml]
// Exits 1 with one line per problem.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const overlay = args.overlay ?? "unknown";
const problems = [];
const fail = (msg) => problems.push(`${overlay}: ${msg}`);

// Secrets an operator creates in the cluster (deploy/README.md, "Kubernetes"); only the prod overlay may rely on them.
const EXTERNAL_SECRETS = { prod: ["mdms-db", "mdms-s3", "mdms-jwt", "mdms-analytics", "mdms-admin", "mdms-tls"] };
const SERVICES = { "patient-service": 8081, "imaging-service": 8082, "analytics-service": 8083 };

// ---------- load
const docs = parseAllDocuments(readFileSync(args.manifests, "utf8"));
const objects = [];
for (const d of docs) {
  if (d.errors.length) { fail(`YAML error: ${d.errors[0].message}`); continue; }
  const o = d.toJSON();
  if (o) objects.push(o);
}
if (objects.length === 0) fail("no objects rendered");
const id = (o) => `${o.kind}/${o.metadata?.name}`;
const byKind = (kind) => objects.filter((o) => o.kind === kind);
const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);

// ---------- 1. schema
const seen = new Set();
const tsLines = [];
for (const [i, o] of objects.entries()) {
  if (!o.apiVersion || !o.kind || !o.metadata?.name) { fail(`object #${i} lacks apiVersion, kind or metadata.name`); continue; }
  if (seen.has(id(o))) fail(`${id(o)} defined twice`);
  seen.add(id(o));
  const modulePath = `kubernetes-models/${o.apiVersion}`;
  let Model;
  try {
    Model = (await import(modulePath))[o.kind];
  } catch { /* reported below */ }
  if (!Model) { fail(`${id(o)}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`); continue; }
  // kustomize wraps long base64 Secret data in lines; the API server's decoder skips line breaks, so do the same
  const checked = o.kind === "Secret" && o.data
    ? { ...o, data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/\s+/g, "")])) }
    : o;
  try {
    new Model(checked).validate();
  } catch (e) {
    fail(`${id(o)}: schema: ${e.message}`);
  }
  tsLines.push(`import type { I${o.kind} as T${i} } from "${modulePath}/${o.kind}";`);
  tsLines.push(`export const o${i}: T${i} = ${JSON.stringify(o)}; // ${id(o)}`);
}
if (tsLines.length) {
  const dir = join(here, "node_modules", ".mdms-check");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${overlay}.ts`);
  writeFileSync(file, tsLines.join("\n") + "\n");
  try {
    execFileSync(join(here, "node_modules", ".bin", "tsc"),
      ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", file],
      { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const lines = String(e.stdout || e.message).split("\n").filter((l) => l.includes("error TS"));
    const src = tsLines.filter((l) => l.startsWith("export const"));
    for (const l of lines) {
      const m = l.match(/\((\d+),\d+\): error TS\d+: (.*)/);
      const which = m ? src[Number(m[1]) / 2 - 1]?.split("// ")[1] : "?";
      fail(`${which}: ${m ? m[2] : l}`);
    }
  } finally {
    rmSync(file, { force: true });
  }
}

// ---------- helpers over workloads
const workloads = [...byKind("Deployment"), ...byKind("StatefulSet"), ...byKind("Job")];
const podLabels = (w) => w.spec?.template?.metadata?.labels ?? {};
const matches = (selector, labels) => {
  if (!selector) return false;
  const ml = selector.matchLabels ?? {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every((e) =>
    e.operator === "In" ? e.values.includes(labels[e.key])
      : e.operator === "NotIn" ? !e.values.includes(labels[e.key])
        : e.operator === "Exists" ? e.key in labels : !(e.key in labels));
};
const selectedBy = (selector) => workloads.filter((w) => matches(selector, podLabels(w)));
const containers = (w) => [...(w.spec?.template?.spec?.initContainers ?? []), ...(w.spec?.template?.spec?.containers ?? [])];
const configMapData = (name) => find("ConfigMap", name)?.data ?? null;
const secretKeys = (name) => {
  const s = find("Secret", name);
  return s ? Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) }) : null;
};
const externalSecrets = EXTERNAL_SECRETS[overlay] ?? [];
const checkSecret = (where, name, key) => {
  const keys = secretKeys(name);
  if (keys === null) {
    if (!externalSecrets.includes(name)) fail(`${where}: Secret ${name} is neither rendered nor a documented external secret`);
  } else if (key && !keys.includes(key)) fail(`${where}: Secret ${name} has no key ${key}`);
};
const checkConfigMap = (where, name, key) => {
  const data = configMapData(name);
  if (data === null) fail(`${where}: ConfigMap ${name} not rendered`);
  else if (key && !(key in data)) fail(`${where}: ConfigMap ${name} has no key ${key}`);
};
// environment of a container as {NAME: value | {secret}}
const envOf = (c) => {
  const env = {};
  for (const ef of c.envFrom ?? []) {
    if (ef.configMapRef) Object.assign(env, configMapData(ef.configMapRef.name) ?? {});
  }
  for (const e of c.env ?? []) {
    if ("value" in e) env[e.name] = e.value;
    else if (e.valueFrom?.configMapKeyRef) env[e.name] = configMapData(e.valueFrom.configMapKeyRef.name)?.[e.valueFrom.configMapKeyRef.key];
    else env[e.name] = { secret: true };
  }
  return env;
};

// ---------- 2. references
for (const w of workloads) {
  const where = id(w);
  if (w.kind !== "Job" && !matches(w.spec?.selector, podLabels(w))) fail(`${where}: selector does not match its pod labels`);
  const spec = w.spec?.template?.spec ?? {};
  for (const v of spec.volumes ?? []) {
    if (v.configMap) checkConfigMap(`${where} volume ${v.name}`, v.configMap.name);
    if (v.secret) checkSecret(`${where} volume ${v.name}`, v.secret.secretName);
  }
  const volumeNames = new Set([...(spec.volumes ?? []).map((v) => v.name),
    ...(w.spec?.volumeClaimTemplates ?? []).map((v) => v.metadata?.name)]);
  for (const c of containers(w)) {
    for (const ef of c.envFrom ?? []) {
      if (ef.configMapRef) checkConfigMap(`${where}/${c.name}`, ef.configMapRef.name);
      if (ef.secretRef) checkSecret(`${where}/${c.name}`, ef.secretRef.name);
    }
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef, sk = e.valueFrom?.secretKeyRef;
      if (cm) checkConfigMap(`${where}/${c.name} env ${e.name}`, cm.name, cm.key);
      if (sk) checkSecret(`${where}/${c.name} env ${e.name}`, sk.name, sk.key);
    }
    for (const m of c.volumeMounts ?? []) {
      if (!volumeNames.has(m.name)) fail(`${where}/${c.name}: volumeMount ${m.name} has no volume`);
    }
    const r = c.resources ?? {};
    for (const k of ["cpu", "memory"]) {
      if (!r.requests?.[k]) fail(`${where}/${c.name}: no ${k} request`);
      if (!r.limits?.[k]) fail(`${where}/${c.name}: no ${k} limit`);
    }
    const portNames = new Set((c.ports ?? []).map((p) => p.name));
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
      if (typeof port === "string" && !portNames.has(port)) fail(`${where}/${c.name}: ${probe} uses unknown port ${port}`);
    }
  }
}
for (const s of byKind("Service")) {
  const pods = selectedBy({ matchLabels: s.spec?.selector });
  if (pods.length === 0) fail(`${id(s)}: selector matches no pod template`);
  for (const p of s.spec?.ports ?? []) {
    if (typeof p.targetPort === "string"
      && !pods.every((w) => containers(w).some((c) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)))) {
      fail(`${id(s)}: targetPort ${p.targetPort} is not a named port of every selected pod`);
    }
  }
}
for (const w of byKind("StatefulSet")) {
  if (!find("Service", w.spec?.serviceName)) fail(`${id(w)}: serviceName ${w.spec?.serviceName} does not exist`);
}
const hpaTargets = new Set();
for (const h of byKind("HorizontalPodAutoscaler")) {
  const t = h.spec?.scaleTargetRef;
  if (!find(t?.kind, t?.name)) fail(`${id(h)}: target ${t?.kind}/${t?.name} does not exist`);
  hpaTargets.add(`${t?.kind}/${t?.name}`);
  if ((h.spec?.minReplicas ?? 1) > h.spec?.maxReplicas) fail(`${id(h)}: minReplicas > maxReplicas`);
}
for (const p of byKind("PodDisruptionBudget")) {
  const sel = selectedBy(p.spec?.selector);
  if (sel.length === 0) fail(`${id(p)}: selector matches no workload`);
  for (const w of sel) {
    const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec?.scaleTargetRef?.name === w.metadata.name);
    const least = hpa ? (hpa.spec.minReplicas ?? 1) : (w.spec?.replicas ?? 1);
    if (typeof p.spec?.minAvailable === "number" && p.spec.minAvailable >= least && least > 1) {
      fail(`${id(p)}: minAvailable ${p.spec.minAvailable} leaves no room to evict any of ${least} replicas of ${id(w)}`);
    }
  }
}
for (const ing of byKind("Ingress")) {
  for (const rule of ing.spec?.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      const svc = path.backend?.service;
      const s = find("Service", svc?.name);
      if (!s) { fail(`${id(ing)}: backend Service ${svc?.name} does not exist`); continue; }
      const ok = (s.spec.ports ?? []).some((p) => p.name === svc.port?.name || p.port === svc.port?.number);
      if (!ok) fail(`${id(ing)}: Service ${svc.name} has no port ${svc.port?.name ?? svc.port?.number}`);
    }
  }
  for (const t of ing.spec?.tls ?? []) checkSecret(id(ing), t.secretName);
}
const appNames = new Set(workloads.map((w) => podLabels(w)["app.kubernetes.io/name"]));
for (const np of byKind("NetworkPolicy")) {
  const sel = np.spec?.podSelector ?? {};
  if (Object.keys(sel).length && selectedBy(sel).length === 0) fail(`${id(np)}: podSelector matches no workload`);
  for (const rule of np.spec?.ingress ?? []) {
    for (const from of rule.from ?? []) {
      for (const e of from.podSelector?.matchExpressions ?? []) {
        for (const v of e.values ?? []) if (e.key === "app.kubernetes.io/name" && !appNames.has(v)) fail(`${id(np)}: from ${v}, which does not exist`);
      }
    }
  }
}

// ---------- 3. MDMS rules
const serviceWorkloads = byKind("Deployment").filter((d) => containers(d).some((c) => /(^|\/)mdms\//.test(c.image ?? "")));
for (const d of serviceWorkloads) {
  for (const c of containers(d)) {
    if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") fail(`${id(d)}/${c.name}: readiness probe must be GET /q/health/ready`);
    if (c.livenessProbe?.httpGet?.path !== "/q/health/live") fail(`${id(d)}/${c.name}: liveness probe must be GET /q/health/live`);
  }
}
for (const [name, port] of Object.entries(SERVICES)) {
  if (!serviceWorkloads.some((d) => podLabels(d)["app.kubernetes.io/name"] === name)) fail(`no Deployment runs ${name}`);
  const svc = find("Service", name);
  if (!svc) fail(`no Service ${name}`);
  else if (!(svc.spec?.ports ?? []).some((p) => p.port === port)) fail(`Service ${name} must listen on ${port}`);
}
// MDMS_PATIENT_URL must name the patient-service Service and its port
for (const d of serviceWorkloads) {
  for (const c of containers(d)) {
    const url = envOf(c).MDMS_PATIENT_URL;
    if (typeof url !== "string") { fail(`${id(d)}/${c.name}: MDMS_PATIENT_URL not set`); continue; }
    const u = new URL(url);
    const svc = find("Service", u.hostname.split(".")[0]);
    if (!svc || !(svc.spec?.ports ?? []).some((p) => String(p.port) === u.port)) fail(`${id(d)}/${c.name}: MDMS_PATIENT_URL ${url} names no Service port`);
  }
}
// exactly one sync worker: the scheduled sync on (MDMS_ANALYTICS_SYNC_EVERY not "off") in one Deployment with one
// replica, no HPA and the Recreate strategy; explicitly "off" in every other analytics Deployment
const analytics = serviceWorkloads.filter((d) => containers(d).some((c) => /analytics-service/.test(c.image)));
let syncWorkers = 0;
for (const d of analytics) {
  const env = envOf(containers(d)[0]);
  const every = env.MDMS_ANALYTICS_SYNC_EVERY;
  if (typeof every !== "string") {
    fail(`${id(d)}: MDMS_ANALYTICS_SYNC_EVERY must be set explicitly (a period on the one worker, "off" elsewhere)`);
  } else if (every !== "off") {
    syncWorkers += d.spec?.replicas ?? 1;
    if (hpaTargets.has(id(d))) fail(`${id(d)}: the sync worker must not be autoscaled`);
    if (d.spec?.strategy?.type !== "Recreate") fail(`${id(d)}: the sync worker must use the Recreate strategy`);
  } else if (env.MDMS_ANALYTICS_RECONCILIATION_EVERY !== "off") {
    fail(`${id(d)}: scheduled reconciliation belongs to the sync worker only (MDMS_ANALYTICS_RECONCILIATION_EVERY=off)`);
  }
}
if (syncWorkers !== 1) fail(`exactly one analytics sync worker expected, found ${syncWorkers}`);
// who reaches whom (ingress side)
const allowedFrom = (target) => {
  const pol = byKind("NetworkPolicy").filter((np) => Object.keys(np.spec?.podSelector ?? {}).length
    && matches(np.spec.podSelector, { "app.kubernetes.io/name": target }));
  if (pol.length === 0) fail(`no NetworkPolicy selects ${target}`);
  const names = new Set();
  for (const np of pol) for (const rule of np.spec?.ingress ?? []) for (const from of rule.from ?? []) {
    if (from.podSelector) {
      for (const n of appNames) if (matches(from.podSelector, { "app.kubernetes.io/name": n })) names.add(n);
    }
  }
  return [...names].sort();
};
const denyAll = byKind("NetworkPolicy").some((np) => Object.keys(np.spec?.podSelector ?? {}).length === 0
  && (np.spec?.policyTypes ?? []).includes("Ingress") && !(np.spec?.ingress?.length));
if (!denyAll) fail("no default-deny ingress NetworkPolicy");
const expectFrom = (target, expected) => {
  const got = allowedFrom(target).join(",");
  if (got !== [...expected].sort().join(",")) fail(`pods allowed to reach ${target}: ${got || "none"}; expected ${expected.join(",")}`);
};
expectFrom("patient-service", ["imaging-service", "analytics-service"]);
expectFrom("mysql", ["patient-service", "imaging-service", "analytics-service"]);
expectFrom("minio", ["imaging-service", "minio", "minio-init"]);
// readings through Kafka (patient-service's MDMS_INGEST_KAFKA_ENABLED): when on, KAFKA_BOOTSTRAP_SERVERS names the
// Service of a rendered Kafka; a rendered Kafka is reachable from patient-service only
const kafkaWorkload = workloads.some((w) => podLabels(w)["app.kubernetes.io/name"] === "kafka");
for (const d of serviceWorkloads.filter((w) => podLabels(w)["app.kubernetes.io/name"] === "patient-service")) {
  for (const c of containers(d)) {
    const env = envOf(c);
    if (!["true", "false"].includes(env.MDMS_INGEST_KAFKA_ENABLED)) fail(`${id(d)}/${c.name}: MDMS_INGEST_KAFKA_ENABLED must be set explicitly, "true" or "false"`);
    if (env.MDMS_INGEST_KAFKA_ENABLED !== "true") continue;
    const servers = typeof env.KAFKA_BOOTSTRAP_SERVERS === "string" ? env.KAFKA_BOOTSTRAP_SERVERS.split(",") : [];
    if (servers.length === 0) fail(`${id(d)}/${c.name}: Kafka on but KAFKA_BOOTSTRAP_SERVERS not set`);
    for (const server of servers) {
      const [host, port] = server.trim().split(":");
      const svc = find("Service", host.split(".")[0]);
      if (!svc || !(svc.spec?.ports ?? []).some((p) => String(p.port) === port)) fail(`${id(d)}/${c.name}: KAFKA_BOOTSTRAP_SERVERS ${server} names no Service port`);
      else if (selectedBy({ matchLabels: svc.spec.selector }).length === 0) fail(`${id(d)}/${c.name}: KAFKA_BOOTSTRAP_SERVERS ${server}: the Service selects no Kafka`);
    }
  }
}
if (kafkaWorkload) expectFrom("kafka", ["patient-service"]);
if (overlay === "prod") {
  const minio = find("StatefulSet", "minio");
  if (minio?.spec?.replicas !== 4) fail("prod: MinIO must run 4 replicas");
  const a = containers(minio ?? {})[0]?.args ?? [];
  if (!a.some((x) => x.includes("{0...3}"))) fail("prod: MinIO must run in distributed mode over its 4 pods");
  if (minio?.spec?.podManagementPolicy !== "Parallel") fail("prod: distributed MinIO needs podManagementPolicy Parallel");
}

// ---------- 4. Compose parity
if (args.compose) {
  const compose = parse(readFileSync(args.compose, "utf8"));
  const repoOf = (image) => image.replace(/:[^/:]+$/, "").split("/").slice(-2).join("/");
  for (const [name, port] of Object.entries(SERVICES)) {
    const cs = compose.services?.[name];
    if (!cs) { fail(`compose: no service ${name}`); continue; }
    const d = find("Deployment", name);
    if (!d) continue;
    const c = containers(d)[0];
    if (repoOf(cs.image ?? "") !== repoOf(c.image)) fail(`compose ${name}: image ${cs.image} differs from Kubernetes ${c.image}`);
    const kenv = envOf(c);
    const cenv = Array.isArray(cs.environment)
      ? Object.fromEntries(cs.environment.map((e) => e.split(/=(.*)/s).slice(0, 2)))
      : (cs.environment ?? {});
    const kn = Object.keys(kenv).sort().join(","), cn = Object.keys(cenv).sort().join(",");
    if (kn !== cn) fail(`compose ${name}: environment names differ from Kubernetes\n    compose:    ${cn}\n    kubernetes: ${kn}`);
    for (const [k, v] of Object.entries(kenv)) {
      // the schedules differ by design (Kubernetes: API replicas off, one worker on); the profile by overlay
      // and the console's addresses as the browser sees them (Compose: localhost ports; Kubernetes: Ingress hosts)
      // and the Kafka switch (Compose: from .env, with the profile kafka; Kubernetes: by overlay)
      if (typeof v !== "string" || /_EVERY$/.test(k) || /^MDMS_CONSOLE_/.test(k) || k === "QUARKUS_PROFILE"
        || k === "MDMS_INGEST_KAFKA_ENABLED" || !(k in cenv)) continue;
      if (String(cenv[k]) !== v) fail(`compose ${name}: ${k}=${cenv[k]} but Kubernetes has ${v}`);
    }
    if (String(cenv.QUARKUS_HTTP_PORT) !== String(port)) fail(`compose ${name}: QUARKUS_HTTP_PORT must be ${port}`);
    const test = JSON.stringify(cs.healthcheck?.test ?? "");
    if (!test.includes(`/${port} `) || !test.includes("/q/health/ready")) fail(`compose ${name}: health check must GET /q/health/ready on ${port}`);
    for (const [dep, cond] of Object.entries(cs.depends_on ?? {})) {
      if (!cond?.condition?.startsWith("service_")) fail(`compose ${name}: depends_on ${dep} without a condition`);
    }
  }
  // the Kafka that patient-service's KAFKA_BOOTSTRAP_SERVERS names exists, under the profile kafka only
  const kafkaServers = compose.services?.["patient-service"]?.environment?.KAFKA_BOOTSTRAP_SERVERS;
  if (typeof kafkaServers !== "string") fail("compose patient-service: KAFKA_BOOTSTRAP_SERVERS not set");
  else for (const server of kafkaServers.split(",")) {
    const broker = compose.services?.[server.trim().split(":")[0]];
    if (!broker) fail(`compose patient-service: KAFKA_BOOTSTRAP_SERVERS ${server} names no Compose service`);
    else if (!(broker.profiles ?? []).includes("kafka")) fail(`compose: the Kafka service must run only under the profile kafka`);
  }
  const syncOn = Object.entries(compose.services ?? {})
    .filter(([, s]) => s.environment?.MDMS_ANALYTICS_SYNC_EVERY !== undefined && String(s.environment.MDMS_ANALYTICS_SYNC_EVERY) !== "off");
  if (syncOn.length !== 1) fail(`compose: exactly one service with the scheduled sync on expected, found ${syncOn.length}`);
}

if (problems.length) {
  console.error(problems.map((p) => `FAIL ${p}`).join("\n"));
  process.exit(1);
}
console.log(`${overlay}: ${objects.length} objects valid (schema, fields, references, MDMS rules${args.compose ? ", Compose parity" : ""})`);
