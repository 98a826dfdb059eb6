// Preloaded into a server for a benchmark's `--cpu-prof`: the first SIGUSR2 starts V8's CPU profiler, the second
// writes the profile to BENCH_CPU_PROFILE (a .cpuprofile that Chrome DevTools opens). Node's own --cpu-prof would
// cover start-up and warm-up as well and only writes on a clean exit, which a server with open database
// connections does not make. Plain JavaScript on purpose: preloaded through tsx's loader, remix-serve took more
// than a minute to start.
import fs from "node:fs";
import inspector from "node:inspector";

const file = process.env.BENCH_CPU_PROFILE;
if (!file) throw new Error("cpu-profile-preload needs BENCH_CPU_PROFILE");

const session = new inspector.Session();
session.connect();
let profiling = false;

process.on("SIGUSR2", () => {
  if (!profiling) {
    profiling = true;
    session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start")));
    return;
  }
  profiling = false;
  session.post("Profiler.stop", (error, result) => {
    if (error) console.error(error);
    else fs.writeFileSync(file, JSON.stringify(result.profile));
  });
});
