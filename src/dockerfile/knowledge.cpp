#include "dockerfile/knowledge.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/glob.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile::kb {

using namespace std::string_view_literals;
namespace {

using SV = std::string_view;


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

std::string lower(std::string_view s) { return dd::text::lower(s); }

std::string_view basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t s = p.rfind('/');
  return s == SV::npos ? p : p.substr(s + 1);
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != SV::npos; }


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
