#pragma once
// Images the local engine already holds, for the Dockerfile checks that need
// the real base image (`drydock lint --local-images`). The engine version is
// engine/image_store.h; tests give a fake. Rules see only this interface.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

// An OCI platform, normalized as containerd normalizes it: x86_64 is amd64,
// aarch64 is arm64 (variant v8 dropped), armhf is arm/v7, armel is arm/v6.
struct Platform {
  std::string os;
  std::string arch;
  std::string variant;  // "" when none

  // "linux/amd64", "linux/arm/v7", "arm64" (OS linux); nullopt when malformed.
  static std::optional<Platform> parse(std::string_view text);
  // The same parts, normalized.
  static Platform normalized(std::string os, std::string arch, std::string variant);
  std::string str() const;
  // Whether an image of this platform runs where `wanted` is asked for: the
  // same OS and architecture, and a variant no newer than the wanted one
  // (arm/v6 runs on arm/v7, not the reverse).
  bool runs_as(const Platform& wanted) const;
  bool operator==(const Platform&) const = default;
};

// Comma-separated platforms, as `docker build --platform`; nullopt when one
// is malformed, with *bad set to it.
std::optional<std::vector<Platform>> parse_platforms(std::string_view text, std::string* bad = nullptr);

struct LocalImage {
  std::string id;  // sha256:...
  Platform platform;
  std::string user;              // Config.User: who runs when no USER follows; "" is root
  std::vector<std::string> env;  // Config.Env, NAME=value
  std::string workdir;           // Config.WorkingDir; "" is /
  bool healthcheck = false;      // Config.Healthcheck with a test other than NONE
};

// The directories of PATH in an image's environment (Docker's default PATH
// when the image sets none).
std::vector<std::string> path_dirs(const LocalImage& image);

class ImageStore {
 public:
  virtual ~ImageStore() = default;
  // The image `FROM ref` gets when the engine already holds it; nullopt when
  // it does not. Thread-safe. Throws InputError when the store cannot answer.
  virtual std::optional<LocalImage> find(const std::string& ref) = 0;
  // The engine's own platform: BUILDPLATFORM, and the target platform when
  // none is given.
  virtual Platform host() = 0;
  // Whether `path` (absolute) exists in the filesystem of the image `ref`;
  // a symlink counts. nullopt when the store cannot look inside it.
  virtual std::optional<bool> has_path(const std::string& ref, const std::string& path) {
    (void)ref, (void)path;
    return std::nullopt;
  }
  // The first `max` bytes of a regular file of the image; nullopt when it
  // is missing or the store cannot look inside the image.
  virtual std::optional<std::string> read_file(const std::string& ref, const std::string& path, size_t max = 1 << 16) {
    (void)ref, (void)path, (void)max;
    return std::nullopt;
  }
};

}  // namespace dd
