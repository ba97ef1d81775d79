// Registry entries of the image rules (DD4xxx).
#include "image/rules.h"

#include <cstdio>

#include "core/registrar.h"

namespace dd::image {
namespace {

using C = Category;
using S = Severity;
using Rules = Registrar<Domain::image>;

const bool registered = [] {
  Rules::add(kDigestMismatch, "layer-digest-mismatch", C::image_pull, S::error,
               "A layer does not match the digest its manifest gives",
               "A registry or runtime verifies the digest and refuses the blob: the pull fails, or the archive was tampered with.",
               "Export the image again (docker save / skopeo copy) from a store you trust");
  Rules::add(kLayerUnreadable, "layer-unreadable", C::image_pull, S::error,
               "A layer cannot be read whole (truncated, corrupt or a decompression bomb)",
               "The engine fails to unpack the layer at pull or load time.",
               "Export the image again; check the disk or transfer that cut it");
  Rules::add(kUnsafeEntry, "layer-unsafe-entry", C::best_practice, S::warning,
               "A layer holds entries that escape the root or point nowhere",
               "Names with ../ or an absolute path, and hard links to missing files, are how malicious layers write outside "
               "the container's root; honest builders never produce them.",
               "Rebuild the image with docker build / buildah; do not run an image whose layers you did not make");
  Rules::add(kWasted, "wasted-bytes", C::image_bloat, S::warning,
               "Files are overwritten or deleted by a later layer and still shipped",
               "Every layer is pulled whole: a file deleted in a later RUN still costs its full size in every pull and on every node.",
               "Create and delete in the same RUN (or use a multi-stage build and COPY --from only what you need)");
  Rules::add(kCache, "cache-left-behind", C::image_bloat, S::warning,
               "A package-manager or VCS cache is left in the image",
               "apt lists, apk/pip/npm/Go caches and .git folders are never used at run time but are pulled everywhere.",
               "RUN apt-get update && apt-get install -y --no-install-recommends PKG && rm -rf /var/lib/apt/lists/*");
  Rules::add(kBuildTools, "build-tools-in-image", C::image_bloat, S::warning,
               "Compilers and build tools ship in the runtime image",
               "gcc, make and -dev packages are needed to build, not to run: they add hundreds of MB and attack surface.",
               "Build in a first stage (FROM ... AS build) and COPY --from=build only the artefacts into a slim final stage");
  Rules::add(kSecretFile, "secret-in-layer", C::secret_leak, S::error,
               "A secret is stored in a file of a layer",
               "Anyone who can pull the image can read every layer, including files a later layer deletes.",
               "Mount secrets at build time (RUN --mount=type=secret) or at run time; rotate the leaked secret", {}, true);
  Rules::add(kSecretConfig, "secret-in-config", C::secret_leak, S::error,
               "A secret is stored in the image config (Env, Labels or history)",
               "docker inspect and docker history show the config and the build arguments to anyone with the image.",
               "Pass secrets at run time (docker run -e / a secret store) or with RUN --mount=type=secret; rotate it", {}, true);
  Rules::add(kRoot, "image-runs-as-root", C::runs_as_root, S::warning, "The image runs its process as root",
               "A compromised process owns the container, and runAsNonRoot / restricted PodSecurity refuses the pod.",
               "USER 10001 (create the user first: RUN useradd -r -u 10001 app)");
  Rules::add(kNoHealthcheck, "image-no-healthcheck", C::no_healthcheck, S::warning,
               "A service image defines no HEALTHCHECK",
               "Without a health check the engine reports a hung server as healthy and nothing restarts it.",
               "HEALTHCHECK CMD wget -qO- http://127.0.0.1:PORT/health || exit 1");
  Rules::add(kDaemonizes, "image-command-daemonizes", C::exits_immediately, S::error,
               "The image's ENTRYPOINT/CMD sends the server to the background",
               "PID 1 returns at once, so the container exits seconds after it starts.",
               "Run the server in the foreground (nginx -g 'daemon off;', redis-server --daemonize no)");
  Rules::add(kStale, "stale-image", C::stale_image, S::warning, "The image was built longer ago than the age policy",
               "An image that is not rebuilt never receives the security fixes of its base and packages.",
               "Rebuild regularly (a scheduled CI build with --pull), or raise --max-age if this is intended");
  Rules::add(kEolBase, "image-end-of-life-base", C::stale_image, S::warning,
               "The image is built on an end-of-life OS or base image",
               "An end-of-life release gets no security fixes: every scanner flags it, and its package mirrors move or "
               "disappear, so rebuilds start failing.",
               "FROM debian:bookworm-slim (or the supported release of the same base), then rebuild");
  return true;
}();

}  // namespace

Finding image_finding(const ImageModel& m, const char* rule, int layer, std::string path) {
  Finding f;
  f.rule = rule;
  f.location.image = m.name.empty() ? m.source : m.name;
  if (layer >= 0 && size_t(layer) < m.layers.size()) {
    const Layer& L = m.layers[size_t(layer)];
    f.location.layer = L.digest;
    // --dockerfile: the instruction that made the layer.
    if (L.dockerfile_line > 0 && !m.dockerfile.empty()) {
      f.location.file = m.dockerfile;
      f.location.line = L.dockerfile_line;
    }
  }
  f.location.path = std::move(path);
  return f;
}

std::string human_bytes(uint64_t n) {
  char buf[32];
  if (n < 1000) std::snprintf(buf, sizeof buf, "%llu B", (unsigned long long)n);
  else if (n < 1000 * 1000) std::snprintf(buf, sizeof buf, "%.1f kB", double(n) / 1e3);
  else if (n < 1000ull * 1000 * 1000) std::snprintf(buf, sizeof buf, "%.1f MB", double(n) / 1e6);
  else std::snprintf(buf, sizeof buf, "%.2f GB", double(n) / 1e9);
  return buf;
}

std::string short_command(const std::string& cb, size_t max) {
  std::string s = cb;
  for (const char* p : {"/bin/sh -c #(nop) ", "/bin/sh -c "}) {
    if (auto i = s.find(p); i != std::string::npos) {
      std::string pre = s.substr(0, i);
      s = s.substr(i + std::string(p).size());
      if (std::string(p) == "/bin/sh -c ") s = "RUN " + s;
      (void)pre;
      break;
    }
  }
  if (s.rfind("|", 0) == 0) {  // "|2 A=1 B=2 /bin/sh -c ..." is handled above; keep the rest
  }
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  return s;
}

std::string layer_label(const ImageModel& m, int layer) {
  std::string s = "layer " + std::to_string(layer + 1);
  if (layer < 0 || size_t(layer) >= m.layers.size()) return s;
  const Layer& L = m.layers[size_t(layer)];
  if (L.dockerfile_line > 0) return "line " + std::to_string(L.dockerfile_line) + " `" + L.dockerfile_text + "`";
  if (!L.created_by.empty()) s += " (" + short_command(L.created_by, 60) + ")";
  return s;
}

}  // namespace dd::image
