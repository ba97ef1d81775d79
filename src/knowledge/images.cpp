#include "knowledge/images.h"

#include <cctype>
#include <string>
#include <vector>

namespace dd::kb {
namespace {

using SV = std::string_view;

const Runtime kRuntimes[] = {
    {"node", "-slim", "-alpine", "gcr.io/distroless/nodejs20-debian12", false, "NODE_VERSION"},
    {"python", "-slim", "-alpine", "gcr.io/distroless/python3-debian12", false, "PYTHON_VERSION"},
    {"ruby", "-slim", "-alpine", "", false, "RUBY_VERSION"},
    {"php", "", "-alpine", "", false, "PHP_VERSION"},
    {"perl", "-slim", "", ""},
    {"elixir", "-slim", "-alpine", ""},
    {"erlang", "-slim", "-alpine", ""},
    {"openjdk", "eclipse-temurin:21-jre", "eclipse-temurin:21-jre-alpine", "gcr.io/distroless/java21-debian12"},
    {"eclipse-temurin", "-jre", "-jre-alpine", "gcr.io/distroless/java21-debian12", false, "JAVA_VERSION"},
    {"amazoncorretto", "-al2023-headless", "-alpine", "gcr.io/distroless/java21-debian12"},
    {"golang", "", "-alpine", "gcr.io/distroless/static-debian12", true, "GOLANG_VERSION"},
    {"rust", "-slim", "-alpine", "gcr.io/distroless/cc-debian12", true},
    {"maven", "", "", "eclipse-temurin:21-jre", true},
    {"gradle", "", "", "eclipse-temurin:21-jre", true},
    {"dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet", "-alpine", "mcr.microsoft.com/dotnet/runtime-deps", true},
    {"debian", "-slim", "", "gcr.io/distroless/base-debian12"},
    {"ubuntu", "debian:bookworm-slim", "", "gcr.io/distroless/base-debian12"},
    {"buildpack-deps", "debian:bookworm-slim", "", "", true},
};

// Which runtime an image name says, by a word in it: (word, exact, kind).
// exact: the whole last path component must equal the word.
struct NameRow {
  SV word;
  bool exact;
  RuntimeKind kind;
};
const NameRow kImageNames[] = {
    {"openjdk", false, RuntimeKind::jvm},       {"temurin", false, RuntimeKind::jvm},
    {"corretto", false, RuntimeKind::jvm},      {"jdk", false, RuntimeKind::jvm},
    {"jre", false, RuntimeKind::jvm},           {"zulu-openjdk", true, RuntimeKind::jvm},
    {"tomcat", false, RuntimeKind::jvm},        {"jetty", false, RuntimeKind::jvm},
    {"keycloak", false, RuntimeKind::jvm},      {"elasticsearch", false, RuntimeKind::jvm},
    {"kafka", false, RuntimeKind::jvm},         {"zookeeper", false, RuntimeKind::jvm},
    {"spring", false, RuntimeKind::jvm},        {"node", true, RuntimeKind::node},
    {"nodejs", false, RuntimeKind::node},       {"nginx", false, RuntimeKind::nginx},
    {"python", true, RuntimeKind::python},      {"pypy", false, RuntimeKind::python},
};

// Programs: (name, prefix, kind). prefix: python3.12 is python.
struct ProgramRow {
  SV name;
  bool prefix;
  RuntimeKind kind;
};
const ProgramRow kPrograms[] = {
    {"java", false, RuntimeKind::jvm},       {"node", false, RuntimeKind::node},
    {"npm", false, RuntimeKind::node},       {"npx", false, RuntimeKind::node},
    {"yarn", false, RuntimeKind::node},      {"python", true, RuntimeKind::python},
    {"gunicorn", false, RuntimeKind::python}, {"uvicorn", false, RuntimeKind::python},
};

}  // namespace

std::span<const Runtime> runtimes() { return kRuntimes; }

const Runtime* runtime(std::string_view image) {
  for (const auto& r : kRuntimes)
    if (r.image == image) return &r;
  return nullptr;
}

bool is_small_tag(std::string_view tag) {
  std::string t(tag);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (SV w : {"slim", "alpine", "distroless", "jre", "minimal", "micro", "busybox", "chiseled", "static", "headless",
               "nano", "runtime"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

RuntimeKind program_runtime(std::string_view program) {
  size_t slash = program.rfind('/');
  if (slash != SV::npos) program.remove_prefix(slash + 1);
  for (const auto& p : kPrograms)
    if (p.prefix ? program.starts_with(p.name) : program == p.name) return p.kind;
  return RuntimeKind::unknown;
}

RuntimeKind runtime_kind(const ImageRef& image, std::string_view program) {
  // The program decides first for the JVM (java -jar on any base), as the
  // image names do; then node, nginx and python in that order.
  RuntimeKind prog = program_runtime(program);
  auto by_image = [&](RuntimeKind kind) {
    for (const auto& r : kImageNames)
      if (r.kind == kind && (r.exact ? image.name == r.word : image.name.find(r.word) != std::string::npos))
        return true;
    return false;
  };
  for (RuntimeKind k : {RuntimeKind::jvm, RuntimeKind::node, RuntimeKind::nginx, RuntimeKind::python})
    if ((prog == k && k != RuntimeKind::nginx) || by_image(k)) return k;
  return RuntimeKind::unknown;
}

}  // namespace dd::kb
