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

// Sources: each image's Dockerfile on Docker Hub / its GitHub repository
// (docker-library, jenkinsci/docker, grafana, nginxinc/docker-nginx-unprivileged,
// bitnami/containers, prometheus), read 2026-12.
const ImageUser kImageUsers[] = {
    // The image's own USER: FROM it runs as non-root without a USER line.
    {"notary", "", "notary", ImageRuns::as_user, ""},
    {"jenkins/jenkins", "", "jenkins", ImageRuns::as_user, ""},
    {"jenkins/inbound-agent", "", "jenkins", ImageRuns::as_user, ""},
    {"grafana/grafana", "", "grafana", ImageRuns::as_user, ""},
    {"grafana/grafana-oss", "", "grafana", ImageRuns::as_user, ""},
    {"nginxinc/nginx-unprivileged", "", "nginx", ImageRuns::as_user, ""},
    {"bitnami/", "", "1001", ImageRuns::as_user, ""},
    {"sonarqube", "", "sonarqube", ImageRuns::as_user, ""},
    {"memcached", "", "memcache", ImageRuns::as_user, ""},
    {"elasticsearch", "", "elasticsearch", ImageRuns::as_user, ""},
    {"kibana", "", "kibana", ImageRuns::as_user, ""},
    {"prom/prometheus", "", "nobody", ImageRuns::as_user, ""},
    {"prom/alertmanager", "", "nobody", ImageRuns::as_user, ""},
    {"prom/node-exporter", "", "nobody", ImageRuns::as_user, ""},
    // Servers whose docker-entrypoint.sh drops to their user with gosu/su-exec.
    {"postgres", "", "postgres", ImageRuns::drops_itself, "USER postgres"},
    {"redis", "", "redis", ImageRuns::drops_itself, "USER redis"},
    {"mysql", "", "mysql", ImageRuns::drops_itself, "USER mysql"},
    {"mariadb", "", "mysql", ImageRuns::drops_itself, "USER mysql"},
    {"mongo", "", "mongodb", ImageRuns::drops_itself, "USER mongodb"},
    {"rabbitmq", "", "rabbitmq", ImageRuns::drops_itself, "USER rabbitmq"},
    {"cassandra", "", "cassandra", ImageRuns::drops_itself, "USER cassandra"},
    // Masters that bind the port as root and run their workers unprivileged;
    // as non-root they need an unprivileged port.
    {"nginx", "", "nginx", ImageRuns::workers_as_user, "FROM nginxinc/nginx-unprivileged:{tag}"},
    {"php", "apache", "www-data", ImageRuns::workers_as_user,
     "RUN sed -ri 's/^Listen 80$/Listen 8080/' /etc/apache2/ports.conf && sed -ri 's/:80>/:8080>/' "
     "/etc/apache2/sites-available/000-default.conf\nUSER www-data\nEXPOSE 8080"},
    {"php", "fpm", "www-data", ImageRuns::workers_as_user, "USER www-data"},
    {"php", "", "www-data", ImageRuns::root, "USER www-data"},
    {"httpd", "", "www-data", ImageRuns::workers_as_user,
     "RUN sed -ri 's/^Listen 80$/Listen 8080/' /usr/local/apache2/conf/httpd.conf && chown -R www-data:www-data "
     "/usr/local/apache2/logs\nUSER www-data\nEXPOSE 8080"},
    // dockerd needs root; docker:dind-rootless runs it as user rootless.
    {"docker", "dind", "rootless", ImageRuns::needs_root, "FROM docker:{tag}-rootless"},
    // Images that create a user and leave USER to their children.
    {"node", "", "node", ImageRuns::root, "USER node"},
    {"ubuntu", "", "ubuntu", ImageRuns::root, ""},
    {"gradle", "", "gradle", ImageRuns::root, ""},
    {"tomcat", "", "tomcat", ImageRuns::root, ""},
    {"python", "", "nobody", ImageRuns::root, ""},
    {"golang", "", "nobody", ImageRuns::root, ""},
    {"alpine", "", "nobody", ImageRuns::root, ""},
    {"busybox", "", "nobody", ImageRuns::root, ""},
};

bool path_matches(std::string_view row, std::string_view path) {
  if (row.ends_with('/')) return path.starts_with(row);
  return path == row || (path.starts_with(row) && path.size() > row.size() && path[row.size()] == '/');
}

bool tag_has_word(std::string_view tag, std::string_view word) {
  size_t pos = 0;
  while (pos <= tag.size()) {
    size_t d = tag.find_first_of("-.", pos);
    if (d == SV::npos) d = tag.size();
    if (tag.substr(pos, d - pos) == word) return true;
    pos = d + 1;
  }
  return false;
}

}  // namespace

std::span<const ImageUser> image_users() { return kImageUsers; }

const ImageUser* image_user(const ImageRef& ref) {
  for (const auto& r : kImageUsers)
    if (path_matches(r.image, ref.path) && (r.tag_has.empty() || tag_has_word(ref.tag, r.tag_has))) return &r;
  return nullptr;
}

bool image_has_user(const ImageRef& ref, std::string_view user) {
  for (const auto& r : kImageUsers)
    if (path_matches(r.image, ref.path) && r.user == user) return true;
  return false;
}

std::string image_user_fix(const ImageUser& row, const ImageRef& ref) {
  // docker:dind-rootless exists for the published dind tags only (dind,
  // 27-dind, 27.3.1-dind), not for a locally built docker:test-dind.
  if (row.runs == ImageRuns::needs_root) {
    std::string_view t = ref.tag;
    if (!t.ends_with("dind")) return {};
    t.remove_suffix(4);
    if (!t.empty() && (t.back() != '-' || t.find_first_not_of("0123456789.-") != std::string_view::npos)) return {};
  }
  std::string out(row.fix);
  size_t p = out.find("{tag}");
  if (p != std::string::npos) out.replace(p, 5, ref.tag.empty() || ref.tag == "latest" ? std::string("stable") : ref.tag);
  return out;
}

namespace {
const SV kAlpineBased[] = {"docker",         "traefik",         "caddy",         "registry",
                           "vault",          "consul",          "hashicorp/vault", "hashicorp/consul",
                           "hashicorp/terraform", "certbot/certbot"};
}  // namespace

std::span<const std::string_view> alpine_based_images() { return kAlpineBased; }

bool alpine_based_image(const ImageRef& ref) {
  if (ref.tag.find("windows") != std::string::npos || ref.tag.find("nanoserver") != std::string::npos) return false;
  if (!ref.registry.empty() && ref.registry != "docker.io") return false;
  for (SV i : kAlpineBased)
    if (ref.path == i) return true;
  return false;
}

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
