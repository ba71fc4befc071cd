#!/usr/bin/env bash
# Builds the container image's base, a docker-archive tar Jib starts from (cli/pom.xml, profile "image"), with no
# registry and no Docker daemon: a Java runtime made by jlink from the JDK that runs the build, the shared libraries it
# and the bundled native libraries (SQLite, XGBoost, compression) need, copied from this machine, and a non-root user.
# Usage: base-image.sh OUT.tar
set -euo pipefail
out=$(realpath -m "$1")
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"

# The modules jdeps finds in touchline.jar, and those found by service lookup (Ed25519 lives in jdk.crypto.ec in 17).
modules=java.base,java.desktop,java.instrument,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql
modules=$modules,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.charsets,jdk.localedata
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# Shared libraries: those of the runtime, and of the native code bundled in jars (built against an older glibc, they
# ask for libpthread, libdl and librt by name; XGBoost wants OpenMP and libstdc++).
# The desktop toolkit's own libraries (X11, sound, fonts, colour, JPEG) are never loaded headless: theirs are left out.
libs() {
  { find "$root/opt/java" \( -name '*.so' -o -path '*/bin/*' -type f \) \
      ! -name libawt_xawt.so ! -name libsplashscreen.so ! -name libjsound.so ! -name libfontmanager.so ! -name liblcms.so ! -name libjavajpeg.so
    for l in libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libstdc++.so.6 libgcc_s.so.1 libgomp.so.1 libz.so.1 libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
      ldconfig -p | awk -v l="$l" '$1 == l && /x86-64/ {print $NF; exit}'
    done
  } | while read -r f; do echo "$f"; ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}'; done | sort -u
}
for f in $(libs); do
  case "$f" in "$root"/*) continue ;; esac
  mkdir -p "$root$(dirname "$f")"
  cp -L "$f" "$root$f"
done
loader=$(ldd "$root/opt/java/bin/java" | awk '/ld-linux/ {print $1}')
mkdir -p "$root$(dirname "$loader")"; cp -L "$loader" "$root$loader"

mkdir -p "$root/etc" "$root/tmp" "$root/data"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\ntouchline:x:10001:10001:touchline:/data:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ntouchline:x:10001:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

# One layer, files owned by root, the data directory by the touchline user; fixed times, so the same inputs give the same tar.
layer=$work/layer.tar
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 --exclude=./data -C "$root" -cf "$layer" .
tar --mtime=@0 --numeric-owner --owner=10001 --group=10001 --mode=0750 -C "$root" -rf "$layer" ./data
diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)
mkdir -p "$work/archive"
mv "$layer" "$work/archive/layer.tar"
cat > "$work/archive/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created_by":"deploy/image/base-image.sh"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["touchline-base:local"],"Layers":["layer.tar"]}]' > "$work/archive/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 -C "$work/archive" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1))"
