#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs the appendlog benchmarks (per-call JMH, the
# saturated call's percentiles, paired per-call slices with the journal on and off, per-call CPU
# time, end-to-end throughput, compression=gzip's throughput and stored bytes, throughput with the
# journal, a journal backlog's drain at start, memory under overload, outage latency, idle cost)
# in about 17 minutes on a 2-core machine,
# printing one table of figures and ratios against baselines measured in the same run. Options are
# passed on: --quick (a smoke run of ~3 minutes, not for BENCHMARKS.md),
# --only=percall,saturated,paired,cpu,throughput,gzip,journal,backlog,memory,outage,idle,
# --backlog=SIZE (the backlog part's journal: 1 GB, 64 MB with --quick; needs 3x free), --out=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  export PATH="$JAVA_HOME/bin:$PATH"
fi

if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
uptime
exec java -Xmx512m -cp benchmarks/target/benchmarks.jar io.github.appendlog.benchmarks.runner.RunAll "$@"
