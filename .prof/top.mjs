import fs from "node:fs";
const files = fs.readdirSync(".prof").filter(f => f.endsWith(".cpuprofile")).map(f => ".prof/" + f);
const f = files.sort((a,b)=>fs.statSync(b).size-fs.statSync(a).size)[0];
const p = JSON.parse(fs.readFileSync(f));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = new Map(); p.samples.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
let total = 0;
for (const n of p.nodes) { const t = (dt.get(n.id) ?? 0) / 1000; total += t; const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
console.log("total ms", total.toFixed(0));
[...self].sort((a, b) => b[1] - a[1]).slice(0, 35).forEach(([k, v]) => console.log(v.toFixed(0).padStart(6), k));
