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

}  // namespace dd::kb
