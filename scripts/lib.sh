# Shared helpers for Berth's scripts (sourced, not run).

# Finds a JDK >= 25 and exports JAVA_HOME: the machine's default java may be older.
berth_find_java() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        local major
        major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
            | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
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
