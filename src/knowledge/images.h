#pragma once
// Official images: the runtimes and their small variants (slim, alpine,
// distroless), and which runtime an image or a program is. One table for
// lint (full-os-base), Kubernetes (heap and CPU rules) and images.
#include <span>
#include <string_view>

#include "knowledge/image_ref.h"

namespace dd::kb {

struct Runtime {
  std::string_view image;       // official repository name: node, python, ...
  std::string_view slim;        // suffix or image of the slim variant: "-slim"
  std::string_view alpine;      // "-alpine" or ""
  std::string_view distroless;  // distroless image for the runtime, or ""
  bool build_only = false;      // golang, maven, gradle: the toolchain itself
  // The variable the official image sets to the runtime's version
  // (PYTHON_VERSION=3.12.1), read from an image's Env; "" when none. Its
  // value is judged by the end-of-life family `image` (knowledge/eol).
  std::string_view version_env = {};
};
std::span<const Runtime> runtimes();
const Runtime* runtime(std::string_view image_name);
// True when a tag already names a small variant (slim, alpine, distroless, jre...).
bool is_small_tag(std::string_view tag);

// The language runtime a container runs, as far as memory and CPU sizing go.
enum class RuntimeKind { unknown, jvm, node, python, nginx };
// Judged from the image (eclipse-temurin, node, tomcat, ...) and the program
// that starts (java, node, gunicorn, ...; a path is reduced to its base name).
RuntimeKind runtime_kind(const ImageRef& image, std::string_view program = {});
// The runtime of a program alone (java, node, npm, python3.12, gunicorn).
RuntimeKind program_runtime(std::string_view program);

// The users of official and well-known images, one row per image: a user
// the image creates, how a container of it runs when an image built FROM it
// sets no USER, and how such an image runs as non-root (the fix DD2050
// prints). Rows are matched in order on the repository path (a path ending in
// '/' covers every image under it) and, when `tag_has` is set, a word of the
// tag; the first match wins.
enum class ImageRuns {
  root,             // the process runs as root unless the child sets USER
  as_user,          // the image's own Dockerfile ends with USER `user`
  drops_itself,     // its entrypoint starts as root and runs the server as `user` (gosu)
  workers_as_user,  // the master starts as root, binds its port, runs its workers as `user`
  needs_root,       // what it runs needs root (dockerd of docker:dind); a rootless variant exists
};
struct ImageUser {
  std::string_view image;    // repository path: node, jenkins/jenkins, bitnami/
  std::string_view tag_has;  // "" or a word the tag must contain (php: "apache")
  std::string_view user;     // a user the image creates ("1001" for a uid)
  ImageRuns runs = ImageRuns::root;
  std::string_view fix;      // instructions that make the child run as non-root; {tag} is the child's tag; "" = none known
};
std::span<const ImageUser> image_users();
// The first row for the image (path and tag), or null.
const ImageUser* image_user(const ImageRef& ref);
// Whether `user` is a user the image creates (any row of its path).
bool image_has_user(const ImageRef& ref, std::string_view user);
// The row's fix with {tag} filled ("stable" when the child names no tag).
std::string image_user_fix(const ImageUser& row, const ImageRef& ref);

// Images whose every Linux tag is built on Alpine (docker, traefik, caddy,
// registry, HashiCorp's vault and consul, certbot), whatever the tag says:
// an image built FROM docker:test-dind has apk, addgroup and adduser, not
// groupadd. One row per repository path; Windows tags are not Alpine.
std::span<const std::string_view> alpine_based_images();
bool alpine_based_image(const ImageRef& ref);

}  // namespace dd::kb
