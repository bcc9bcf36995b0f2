# The README's configuration table, generated from the Settings class. After adding a setting:
#   bash bin/lib/settings-table.sh --write     (rewrites the table in README.md)
#   bash bin/lib/settings-table.sh             (prints it)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/lib/jdk.sh"; ferry_use_jdk
. "$root/bin/lib/build.sh"; ferry_build_dist "$root" || exit 1
tmp=$(mktemp -d)
printf 'public class Gen { public static void main(String[] a) { System.out.print(dev.ferry.core.config.SettingsTable.markdown()); } }\n' >"$tmp/Gen.java"
"$JAVA_HOME/bin/java" -cp "$root/ferry-core/target/classes" "$tmp/Gen.java" >"$tmp/table.md" || exit 1
if [ "${1:-}" = --write ]; then
  awk -v table="$tmp/table.md" '
    /<!-- settings-table:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
    /<!-- settings-table:end -->/ { skip = 0 }
    !skip { print }' "$root/README.md" >"$tmp/README.md" && mv "$tmp/README.md" "$root/README.md"
else
  cat "$tmp/table.md"
fi
rm -rf "$tmp"
