# Shared helpers for Berth's scripts (sourced, not run).

# Finds a JDK >= 25 and exports JAVA_HOME: the machine's default java may be older.
berth_find_java() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        local major
        # The JDK's release file names its version without starting a JVM (which costs bin/berth, a
        # short-lived client, a tenth of a second or more per command); asking the JVM is the fallback.
        major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release" 2>/dev/null | head -n 1)
        if [ -z "$major" ]; then
            major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
                | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
        fi
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "berth: no JDK 25 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 25, and set JAVA_HOME." >&2
    return 1
}

berth_root() {
    cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# ---- quiet set-up steps --------------------------------------------------------------------------------------------
# What package managers, debootstrap and Maven print goes to one log file, shown only when a step fails; the
# terminal gets one line per step: "[ensure-docker] installing docker.io … done in 12 s".
BERTH_SETUP_LOG=${BERTH_SETUP_LOG:-${TMPDIR:-/tmp}/berth-setup.log}

# The log's size now: what a step appends comes after it (berth_log_since prints that part).
berth_log_mark() {
    : >>"$BERTH_SETUP_LOG"
    stat -c %s "$BERTH_SETUP_LOG"
}

# Prints to stderr, in full, what the log got since MARK (a failed step's output).
berth_log_since() {
    echo "---- its output (from $BERTH_SETUP_LOG):" >&2
    tail -c +$(($1 + 1)) "$BERTH_SETUP_LOG" >&2
    echo "----" >&2
}

# berth_step WHAT COMMAND [ARGS…]: runs COMMAND with its output appended to $BERTH_SETUP_LOG. The line goes to
# stdout, or to the fd in BERTH_STEP_FD (2 where stdout carries a result). The tag is BERTH_TAG (default berth).
# COMMAND may print progress to fd 3, which is the terminal line (berth_maven_package does). On failure the log of
# this step is printed to stderr in full, and berth_step returns COMMAND's status.
berth_step() {
    local what=$1 fd=${BERTH_STEP_FD:-1} start=$SECONDS mark status=0
    shift
    mark=$(berth_log_mark)
    printf '[%s] %s … ' "${BERTH_TAG:-berth}" "$what" >&"$fd"
    {
        echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) [${BERTH_TAG:-berth}] $what: $*"
        "$@" </dev/null
    } 3>&"$fd" >>"$BERTH_SETUP_LOG" 2>&1 || status=$?
    if ((status == 0)); then
        printf 'done in %d s\n' $((SECONDS - start)) >&"$fd"
        return 0
    fi
    printf 'failed after %d s (exit %d)\n' $((SECONDS - start)) "$status" >&"$fd"
    berth_log_since "$mark"
    return "$status"
}

# apt-get update and install PACKAGES…, non-interactive (for berth_step).
berth_apt_install() {
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# Maven's package (in ROOT, without tests) for berth_step: its output to the log, and to fd 3 the module it is at,
# "[2/6] persistence", so that the 30-60 s of a build show progress.
berth_maven_package() {
    local root=$1 line
    shift
    (cd "$root" && ./mvnw -B package -DskipTests "$@") 2>&1 | while IFS= read -r line; do
        printf '%s\n' "$line"
        # "[INFO] Building Berth persistence 0.1.0-SNAPSHOT      [2/6]"
        if [[ $line =~ ^\[INFO\]\ Building\ (Berth\ ?)?(.*)\ [^\ ]+\ +\[([0-9]+/[0-9]+)\]$ ]]; then
            printf '[%s] %s ' "${BASH_REMATCH[3]}" "${BASH_REMATCH[2]:-parent}" >&3
        fi
    done
    return "${PIPESTATUS[0]}"
}
