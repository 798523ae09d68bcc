// The y-protocols side of AwarenessDifferentialTest: runs scenarios on the Awareness y-websocket's server keeps (a
// peer whose own state is null) and prints what it reports, one JSON line per scenario read from stdin.
// Run from client-js (so that its node_modules resolve) as `node --no-warnings --input-type=module -e <this file>`.
//
// A scenario is a list of steps: {"apply": "<hex awareness update>"}, {"remove": [client ids]} or
// {"advanceTo": ms from the scenario's start}. Its answer lists, per step, one line per `update` event,
// "<ms> +[added] ~[updated] =[renewed, sorted] -[removed] <hex of the update of added, updated, removed>" where renewed are
// the updated ids the `change` event leaves out, then "all <hex of the update of every state>".
import { mock } from 'node:test';
import { createInterface } from 'node:readline';

// Time is mocked before lib0 loads: lib0/time keeps a reference to Date.now.
mock.timers.enable({ apis: ['setInterval', 'Date'], now: 0 });
const Y = await import('yjs');
const awareness = await import('y-protocols/awareness');

const CHECK_INTERVAL = awareness.outdatedTimeout / 10;
const hex = (bytes) => Buffer.from(bytes).toString('hex');

// Stops at every check of the interval: a mocked timer sees the time its tick ends at.
const advanceTo = (t) => {
  while (Date.now() < t) mock.timers.tick(Math.min(CHECK_INTERVAL - Date.now() % CHECK_INTERVAL, t - Date.now()));
};

const withoutOnce = (list, removedOnce) => {
  const rest = [...removedOnce];
  return list.filter((id) => {
    const i = rest.indexOf(id);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
};

const run = (steps) => {
  // Every scenario starts on a check, as the Java side counts checks from its start.
  advanceTo(Math.ceil(Date.now() / CHECK_INTERVAL) * CHECK_INTERVAL);
  const start = Date.now();
  const doc = new Y.Doc();
  doc.clientID = 1;
  const server = new awareness.Awareness(doc);
  server.setLocalState(null);
  const lines = [];
  let changed = null;
  const onChange = ({ updated }) => { changed = updated };
  const onUpdate = ({ added, updated, removed }) => {
    const renewed = withoutOnce(updated, changed ?? []).sort((a, b) => a - b);
    changed = null;
    const relayed = awareness.encodeAwarenessUpdate(server, added.concat(updated, removed));
    lines.push(`${Date.now() - start} +[${added}] ~[${updated}] =[${renewed}] -[${removed}] ${hex(relayed)}`);
  };
  server.on('change', onChange);
  server.on('update', onUpdate);
  for (const step of steps) {
    if (step.apply !== undefined) awareness.applyAwarenessUpdate(server, Buffer.from(step.apply, 'hex'), 'conn');
    if (step.remove !== undefined) awareness.removeAwarenessStates(server, step.remove, null);
    if (step.advanceTo !== undefined) advanceTo(start + step.advanceTo);
    lines.push(`all ${hex(awareness.encodeAwarenessUpdate(server, [...server.getStates().keys()]))}`);
  }
  server.off('change', onChange);
  server.off('update', onUpdate);
  server.destroy();
  return lines;
};

for await (const line of createInterface({ input: process.stdin })) {
  console.log(JSON.stringify(run(JSON.parse(line))));
}
