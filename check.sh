#!/usr/bin/env bash
# mmcheck entry point: builds when sources changed, then runs the CLI.
#   ./check.sh                 run every model of models/manifest.json (same as ./check.sh check)
#   ./check.sh tlc MODEL       run one model (--workers auto, --distributed server)
#   ./check.sh tlc-worker HOST a worker for a distributed-TLC server
#   ./check.sh --help          list the subcommands
#   ./check.sh bench [ARGS]    run the JMH benchmarks (src/jmh/java) with JMH's own arguments
set -euo pipefail
# Paths (target/, the default models/manifest.json) are relative to the repository root.
cd "$(dirname "$0")"

# Offline first: the dependencies are normally in ~/.m2. Go online only when the offline build failed because
# ~/.m2 lacks something; a compile error would fail online just the same, so it is reported once and stops here.
# Maven 3.8 writes colour resets (ESC[0m) even with -B and style.color=never, so its output is kept in a log,
# shown only on failure, and stripped of escape sequences either way.
mvn_quiet() {
    local log status=0
    log=$(mktemp)
    mvn -B -o -q -Dstyle.color=never "$@" >"$log" 2>&1 || status=$?
    if (( status != 0 )) && grep -qE 'offline mode|has not been downloaded|Could not resolve|Cannot access' "$log"; then
        echo "check.sh: ~/.m2 lacks something the build needs; retrying online" >&2
        status=0
        mvn -B -q -Dstyle.color=never "$@" >"$log" 2>&1 || status=$?
    fi
    (( status != 0 )) && without_escapes <"$log" >&2
    rm -f "$log"
    return "$status"
}

# Terminal escape sequences out, and the lines that held nothing else.
without_escapes() {
    sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g' | grep -v '^[[:space:]]*$' || true
}

# Rebuild when any source or the pom is newer than the last build (or there is no build).
needs_build() {
    local stamp=$1
    [[ ! -e $stamp ]] && return 0
    [[ pom.xml -nt $stamp ]] && return 0
    [[ -n $(find src -newer "$stamp" -print -quit 2>/dev/null) ]]
}

if [[ ${1:-} == bench ]]; then
    shift
    if needs_build target/test.classpath || [[ ! -d target/test-classes ]]; then
        # process-test-classes = test-compile plus the step that writes target/test.classpath.
        mvn_quiet -DskipTests process-test-classes
        touch target/test.classpath
    fi
    # JMH's annotation processor writes this list; without benchmarks JMH would die on the missing resource.
    if [[ ! -f target/test-classes/META-INF/BenchmarkList ]]; then
        echo "check.sh bench: no JMH benchmarks found (none compiled from src/jmh/java)"
        exit 0
    fi
    exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main "$@"
fi

if needs_build target/classes || [[ ! -f target/runtime.classpath ]]; then
    # The main job needs no test classes: a broken test must not stop ./check.sh from running.
    mvn_quiet -Dmaven.test.skip=true package
    touch target/classes
fi
# Where the kernel offers transparent huge pages to madvise(), the JVM heap takes them: a 16 M-page zone's arrays
# (256 MB) then fault in 2 MB at a time instead of 4 kB, which halves the CPU time of building one.
# The CLI's own work (refine, replay, audit) is one thread: the serial collector costs its thread the least (a
# compaction refine run's main thread took 2.0-2.5 s of CPU under SerialGC against 3.2-4.6 s under G1).
jvm_options=(-Xss4m -XX:+UseSerialGC)
# A refine run lasts seconds: C2's compilation of TLC's evaluator costs more CPU than the run earns back from it
# (MCCompactionBind, 50,000 requests: 3.5 s of CPU in all with C1 alone, 6.3-7 s with C2 beside it, the run's own
# thread the same), and on the two shared cores that CPU is the run's wall time.
if [[ ${1:-} == refine ]]; then
    jvm_options+=(-XX:TieredStopAtLevel=1)
fi
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    jvm_options+=(-XX:+UseTransparentHugePages)
fi
exec java "${jvm_options[@]}" -cp "target/classes:$(cat target/runtime.classpath)" mmcheck.cli.Main "$@"
