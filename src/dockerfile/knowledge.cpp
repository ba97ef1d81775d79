#include "dockerfile/knowledge.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/glob.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile::kb {

using namespace std::string_view_literals;
namespace {

using SV = std::string_view;

const std::vector<PackageManager> kPackageManagers{
    {"apt-get", {"install"}, "", {"/var/lib/apt/lists", "dist-clean"}, "&& rm -rf /var/lib/apt/lists/*"},
    {"apt", {"install"}, "", {"/var/lib/apt/lists", "dist-clean"}, "&& rm -rf /var/lib/apt/lists/*"},
    {"apk", {"add"}, "--no-cache", {"--no-cache", "/var/cache/apk"}, "apk add --no-cache ..."},
    {"yum", {"install", "groupinstall", "reinstall"}, "", {"yum clean all", "/var/cache/yum"},
     "&& yum clean all && rm -rf /var/cache/yum"},
    {"dnf", {"install", "groupinstall", "reinstall"}, "", {"dnf clean all", "/var/cache/dnf"},
     "&& dnf clean all && rm -rf /var/cache/dnf"},
    {"microdnf", {"install"}, "", {"microdnf clean all", "/var/cache/yum", "/var/cache/dnf"}, "&& microdnf clean all"},
    {"zypper", {"install", "in"}, "", {"zypper clean", "zypper cc", "/var/cache/zypp"}, "&& zypper clean --all"},
    {"pip", {"install"}, "--no-cache-dir", {"--no-cache-dir", "/root/.cache/pip", "pip cache purge"}, "--no-cache-dir"},
    {"pip3", {"install"}, "--no-cache-dir", {"--no-cache-dir", "/root/.cache/pip", "pip cache purge"}, "--no-cache-dir"},
};

const std::vector<SV> kBuildPackages{
    "gcc",       "g++",        "gcc-c++",       "cpp",         "clang",     "llvm",        "make",     "cmake",
    "ninja-build", "build-essential", "build-base", "autoconf",  "automake",  "libtool",     "pkg-config", "pkgconf",
    "git",       "golang",     "golang-go",     "go",          "maven",     "gradle",      "rustc",    "cargo",
    "musl-dev",  "linux-headers", "python3-dev", "python-dev",  "default-jdk", "bison",     "flex",     "gfortran",
    "swig",      "ccache",     "nasm",          "yasm",        "meson",     "scons",       "rust",     "ant",
};
const std::vector<SV> kBuildSuffixes{"-dev", "-devel", "-headers", "-jdk", "-jdk-headless"};

const std::vector<Runtime> kRuntimes{
    {"node", "-slim", "-alpine", "gcr.io/distroless/nodejs20-debian12"},
    {"python", "-slim", "-alpine", "gcr.io/distroless/python3-debian12"},
    {"ruby", "-slim", "-alpine", ""},
    {"php", "", "-alpine", ""},
    {"perl", "-slim", "", ""},
    {"elixir", "-slim", "-alpine", ""},
    {"erlang", "-slim", "-alpine", ""},
    {"openjdk", "eclipse-temurin:21-jre", "eclipse-temurin:21-jre-alpine", "gcr.io/distroless/java21-debian12"},
    {"eclipse-temurin", "-jre", "-jre-alpine", "gcr.io/distroless/java21-debian12"},
    {"amazoncorretto", "-al2023-headless", "-alpine", "gcr.io/distroless/java21-debian12"},
    {"golang", "", "-alpine", "gcr.io/distroless/static-debian12", true},
    {"rust", "-slim", "-alpine", "gcr.io/distroless/cc-debian12", true},
    {"maven", "", "", "eclipse-temurin:21-jre", true},
    {"gradle", "", "", "eclipse-temurin:21-jre", true},
    {"dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet", "-alpine", "mcr.microsoft.com/dotnet/runtime-deps", true},
    {"debian", "-slim", "", "gcr.io/distroless/base-debian12"},
    {"ubuntu", "debian:bookworm-slim", "", "gcr.io/distroless/base-debian12"},
    {"buildpack-deps", "debian:bookworm-slim", "", "", true},
};

const std::vector<EolRule> kEol{
    {"python", "3.9", "Python before 3.9 is end-of-life (3.8 ended October 2024, 2.7 in 2020)", "python:3.12-slim"},
    {"node", "18", "Node.js before 18 is end-of-life", "node:22-slim"},
    {"debian", "11", "Debian 10 (buster) and older no longer get security updates", "debian:bookworm-slim"},
    {"ubuntu", "20.04", "Ubuntu releases before 20.04 are out of standard support", "ubuntu:24.04"},
    {"alpine", "3.18", "Alpine branches before 3.18 no longer get security fixes", "alpine:3.20"},
    {"centos", "", "CentOS Linux is end-of-life (CentOS 7 ended June 2024, CentOS 8 in 2021)",
     "rockylinux:9-minimal or almalinux:9-minimal"},
    {"openjdk", "", "the openjdk image is deprecated and gets no updates", "eclipse-temurin:21-jre"},
    {"java", "", "the java image is deprecated and gets no updates", "eclipse-temurin:21-jre"},
    {"golang", "1.21", "Go before 1.21 gets no security fixes", "golang:1.23"},
    {"php", "8.1", "PHP before 8.1 is end-of-life", "php:8.3-fpm-alpine"},
    {"ruby", "3.1", "Ruby before 3.1 is end-of-life", "ruby:3.3-slim"},
    {"postgres", "13", "PostgreSQL before 13 is end-of-life", "postgres:16"},
    {"mysql", "8.0", "MySQL before 8.0 is end-of-life", "mysql:8.4"},
    {"nginx", "1.20", "nginx before 1.20 no longer gets fixes", "nginx:1.27-alpine"},
};

struct Codename {
  SV name;
  SV why;
  SV upgrade;
};
const std::vector<Codename> kEolCodenames{
    {"wheezy", "Debian 7 (wheezy) is end-of-life", "bookworm"},
    {"jessie", "Debian 8 (jessie) is end-of-life", "bookworm"},
    {"stretch", "Debian 9 (stretch) is end-of-life", "bookworm"},
    {"buster", "Debian 10 (buster) is end-of-life", "bookworm"},
    {"trusty", "Ubuntu 14.04 (trusty) is out of standard support", "noble"},
    {"xenial", "Ubuntu 16.04 (xenial) is out of standard support", "noble"},
    {"bionic", "Ubuntu 18.04 (bionic) is out of standard support", "noble"},
    {"cosmic", "Ubuntu 18.10 is a non-LTS release, long out of support", "noble"},
    {"disco", "Ubuntu 19.04 is a non-LTS release, long out of support", "noble"},
    {"eoan", "Ubuntu 19.10 is a non-LTS release, long out of support", "noble"},
    {"groovy", "Ubuntu 20.10 is a non-LTS release, long out of support", "noble"},
    {"hirsute", "Ubuntu 21.04 is a non-LTS release, long out of support", "noble"},
    {"impish", "Ubuntu 21.10 is a non-LTS release, long out of support", "noble"},
    {"kinetic", "Ubuntu 22.10 is a non-LTS release, out of support", "noble"},
    {"lunar", "Ubuntu 23.04 is a non-LTS release, out of support", "noble"},
    {"mantic", "Ubuntu 23.10 is a non-LTS release, out of support", "noble"},
};

const std::vector<Ecosystem> kEcosystems{
    {"npm", {"package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"},
     {{"npm", "ci"}, {"npm", "install"}, {"npm", "i"}}, "COPY package.json package-lock.json ./", "npm ci"},
    {"yarn", {"package.json", "yarn.lock", ".yarnrc.yml", ".yarnrc", ".yarn"},
     {{"yarn", "install"}, {"yarn", "<bare>"}}, "COPY package.json yarn.lock ./", "yarn install --frozen-lockfile"},
    {"pnpm", {"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"},
     {{"pnpm", "install"}, {"pnpm", "i"}}, "COPY package.json pnpm-lock.yaml ./", "pnpm install --frozen-lockfile"},
    {"bun", {"package.json", "bun.lockb", "bun.lock"}, {{"bun", "install"}}, "COPY package.json bun.lockb ./",
     "bun install --frozen-lockfile"},
    {"pip", {"requirements*.txt", "requirements", "constraints*.txt"},
     {{"pip", "install", "-r"}, {"pip3", "install", "-r"}}, "COPY requirements.txt ./",
     "pip install --no-cache-dir -r requirements.txt"},
    {"poetry", {"pyproject.toml", "poetry.lock"}, {{"poetry", "install"}}, "COPY pyproject.toml poetry.lock ./",
     "poetry install --no-root --no-interaction"},
    {"pipenv", {"Pipfile", "Pipfile.lock"}, {{"pipenv", "install"}, {"pipenv", "sync"}},
     "COPY Pipfile Pipfile.lock ./", "pipenv install --deploy --system"},
    {"uv", {"pyproject.toml", "uv.lock"}, {{"uv", "sync"}, {"uv", "pip", "-r"}}, "COPY pyproject.toml uv.lock ./",
     "uv sync --frozen --no-install-project"},
    {"go", {"go.mod", "go.sum", "go.work", "go.work.sum"},
     {{"go", "mod download"}, {"go", "build", "", false}, {"go", "install", "", false}},
     "COPY go.mod go.sum ./", "go mod download"},
    {"maven", {"pom.xml", ".mvn", "mvnw"},
     {{"mvn", "dependency:go-offline"}, {"mvnw", "dependency:go-offline"}, {"mvn", "<any>", "", false},
      {"mvnw", "<any>", "", false}},
     "COPY pom.xml ./", "mvn -B dependency:go-offline"},
    {"gradle", {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties",
                "gradle", "gradlew"},
     {{"gradle", "dependencies"}, {"gradlew", "dependencies"}, {"gradle", "<any>", "", false},
      {"gradlew", "<any>", "", false}},
     "COPY build.gradle settings.gradle ./", "gradle dependencies --no-daemon"},
    {"cargo", {"Cargo.toml", "Cargo.lock"},
     {{"cargo", "fetch"}, {"cargo", "build", "", false}, {"cargo", "install", "", false}},
     "COPY Cargo.toml Cargo.lock ./", "cargo fetch"},
    {"bundler", {"Gemfile", "Gemfile.lock", "*.gemspec"}, {{"bundle", "install"}, {"bundler", "install"}},
     "COPY Gemfile Gemfile.lock ./", "bundle install"},
    {"composer", {"composer.json", "composer.lock"}, {{"composer", "install"}},
     "COPY composer.json composer.lock ./", "composer install --no-scripts --no-autoloader"},
    {"dotnet", {"*.csproj", "*.fsproj", "*.sln", "NuGet.config", "Directory.Packages.props"},
     {{"dotnet", "restore"}, {"dotnet", "publish", "", false}, {"dotnet", "build", "", false}},
     "COPY *.csproj ./", "dotnet restore"},
};

bool has_digit_prefix(SV s) { return !s.empty() && std::isdigit(static_cast<unsigned char>(s.front())); }

// Leading "3.11" of "3.11.4-slim-bookworm".
std::string version_prefix(SV tag) {
  std::string v;
  for (char c : tag) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') v += c;
    else break;
  }
  while (!v.empty() && v.back() == '.') v.pop_back();
  return v;
}

std::vector<std::string> split(SV s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t n = s.find(sep, pos);
    if (n == SV::npos) n = s.size();
    if (n > pos) out.emplace_back(s.substr(pos, n - pos));
    pos = n + 1;
  }
  return out;
}

bool is_flag(SV a) { return a.size() > 1 && a.front() == '-'; }

// Marker in argv: a bare flag is compared with each argument (or its --x=
// form), anything else is searched in the joined argument text.
bool has_marker(const std::vector<std::string>& argv, size_t from, SV marker) {
  if (marker.front() == '-' && marker.find(' ') == SV::npos) {
    for (size_t i = from; i < argv.size(); ++i) {
      SV a = argv[i];
      if (a == marker || (a.size() > marker.size() && a.starts_with(marker) && a[marker.size()] == '=')) return true;
    }
    return false;
  }
  if (marker.find(' ') == SV::npos && !is_flag(marker)) {
    for (size_t i = from; i < argv.size(); ++i)
      if (argv[i] == marker) return true;
    return false;
  }
  std::string joined;
  for (size_t i = from; i < argv.size(); ++i) joined += argv[i] + " ";
  return contains(joined, marker);
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t s = p.rfind('/');
  return s == SV::npos ? p : p.substr(s + 1);
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != SV::npos; }

std::span<const PackageManager> package_managers() { return kPackageManagers; }

const PackageManager* package_manager(std::string_view program) {
  for (const auto& p : kPackageManagers)
    if (p.program == program) return &p;
  return nullptr;
}

bool is_build_package(std::string_view pkg) {
  std::string p = lower(pkg);
  size_t cut = p.find_first_of("=~<>");
  if (cut != std::string::npos) p.resize(cut);
  if (p.empty() || p.front() == '-' || p.front() == '$') return false;
  for (SV b : kBuildPackages)
    if (p == b) return true;
  // yum/dnf versions: gcc-4.8.5
  size_t dash = p.find('-');
  if (dash != std::string::npos && dash + 1 < p.size() && std::isdigit(static_cast<unsigned char>(p[dash + 1]))) {
    std::string head = p.substr(0, dash);
    for (SV b : kBuildPackages)
      if (head == b) return true;
  }
  for (SV s : kBuildSuffixes)
    if (p.size() > s.size() && p.ends_with(s)) return true;
  return p.starts_with("openjdk-") && contains(p, "-jdk");
}

std::span<const Runtime> runtimes() { return kRuntimes; }

const Runtime* runtime(std::string_view image) {
  for (const auto& r : kRuntimes)
    if (r.image == image) return &r;
  return nullptr;
}

bool is_small_tag(std::string_view tag) {
  std::string t = lower(tag);
  for (SV w : {"slim", "alpine", "distroless", "jre", "minimal", "micro", "busybox", "chiseled", "static", "headless",
               "nano", "runtime"})
    if (contains(t, w)) return true;
  return false;
}

std::span<const EolRule> eol_rules() { return kEol; }

int compare_versions(std::string_view a, std::string_view b) {
  auto pa = split(a, '.'), pb = split(b, '.');
  for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    long x = 0, y = 0;
    if (i < pa.size() && has_digit_prefix(pa[i]) && pa[i].size() < 9) x = std::stol(pa[i]);
    if (i < pb.size() && has_digit_prefix(pb[i]) && pb[i].size() < 9) y = std::stol(pb[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::optional<std::string> eol_reason(const ImageRef& ref, std::string* upgrade) {
  const std::string tag = lower(ref.tag);
  const std::string path = lower(ref.path);
  for (const auto& e : kEol) {
    if (path != e.image) continue;
    std::string ver = version_prefix(tag);
    bool eol = e.below.empty() || (!ver.empty() && compare_versions(ver, e.below) < 0);
    if (!eol && e.image == "ubuntu"sv && !ver.empty()) {
      // Non-LTS releases: YY.10, or an odd year.
      auto parts = split(ver, '.');
      if (parts.size() >= 2 && parts[1] != "04"sv) eol = true;
      if (!parts.empty() && has_digit_prefix(parts[0]) && parts[0].size() < 4 && std::stoi(parts[0]) % 2 == 1)
        eol = true;
      if (eol) {
        if (upgrade) *upgrade = e.upgrade;
        return "Ubuntu " + ver + " is a non-LTS release, out of support";
      }
    }
    if (eol) {
      if (upgrade) *upgrade = e.upgrade;
      std::string why(e.why);
      if (!ver.empty()) why = std::string(e.image) + ":" + ref.tag + ": " + why;
      return why;
    }
  }
  // Code names inside the tag: python:3.8-buster, node:16-stretch, ubuntu:bionic.
  for (const auto& word : split(tag, '-')) {
    for (const auto& c : kEolCodenames)
      if (word == c.name) {
        if (upgrade) {
          std::string t = ref.tag;
          size_t p = lower(t).find(c.name);
          if (p != std::string::npos) t.replace(p, c.name.size(), c.upgrade);
          *upgrade = (ref.registry.empty() ? "" : ref.registry + "/") + ref.path + ":" + t;
        }
        return std::string(c.why);
      }
    // alpine3.16 inside a tag
    if (word.starts_with("alpine") && word.size() > 6) {
      std::string v = version_prefix(SV(word).substr(6));
      if (!v.empty() && compare_versions(v, "3.18") < 0) {
        if (upgrade) *upgrade = ref.path + ":" + std::string(SV(ref.tag).substr(0, ref.tag.size() - word.size())) + "alpine";
        return "Alpine " + v + " no longer gets security fixes";
      }
    }
  }
  return std::nullopt;
}

std::span<const Ecosystem> ecosystems() { return kEcosystems; }

const Ecosystem* install_ecosystem(const std::vector<std::string>& raw, const InstallCommand** which) {
  // Runs for every command of several rules: views only, no copies.
  size_t start = std::min(real_program(raw), raw.size());
  if (start >= raw.size()) return nullptr;
  auto base = [](SV p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    size_t s = p.rfind('/');
    return s == SV::npos ? p : p.substr(s + 1);
  };
  SV prog = base(raw[start]);
  // python -m pip install ...
  if (prog.starts_with("python") && raw.size() > start + 2 && raw[start + 1] == "-m"sv) {
    start += 2;
    prog = base(raw[start]);
  }
  if (prog.starts_with("pip") && prog.size() > 3 && std::isdigit(static_cast<unsigned char>(prog[3]))) prog = "pip3";
  SV words[4];  // the first non-flag arguments
  size_t nwords = 0;
  for (size_t i = start + 1; i < raw.size() && nwords < 4; ++i)
    if (!is_flag(raw[i])) words[nwords++] = raw[i];
  for (const auto& e : kEcosystems) {
    for (const auto& ic : e.installs) {
      if (ic.program != prog) continue;
      bool ok;
      if (ic.subcommand == "<any>"sv) ok = true;
      else if (ic.subcommand == "<bare>"sv) ok = nwords == 0 || words[0] == "install"sv;
      else {
        // "mod download": each space-separated word in order.
        ok = true;
        SV rest = ic.subcommand;
        for (size_t k = 0; ok && !rest.empty(); ++k) {
          size_t sp = rest.find(' ');
          SV w = rest.substr(0, sp);
          rest = sp == SV::npos ? SV() : rest.substr(sp + 1);
          ok = k < nwords && words[k] == w;
        }
      }
      if (ok && !ic.needs_flag.empty()) ok = has_marker(raw, start + 1, ic.needs_flag);
      if (ok) {
        if (which) *which = &ic;
        return &e;
      }
    }
  }
  return nullptr;
}

bool is_manifest(const Ecosystem& e, std::string_view file) {
  std::string_view f = basename(file);
  if (f.empty()) return false;
  for (SV m : e.manifests)
    if (f == m || go_path_match(m, f) || go_path_match(f, m)) return true;  // COPY sources: filepath.Match
  return false;
}

}  // namespace dd::dockerfile::kb

namespace dd::dockerfile::kb {

std::string line_text(const Dockerfile& df, int line) {
  if (line < 1 || static_cast<size_t>(line) > df.lines.size()) return {};
  std::string s = df.lines[line - 1];
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  s.erase(0, a);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\\' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace dd::dockerfile::kb
