#include "knowledge/ecosystems.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

#include "knowledge/command.h"
#include "knowledge/programs.h"

namespace dd::kb {

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

}  // namespace

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
    if (!is_option(raw[i])) words[nwords++] = raw[i];
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
      if (ok && !ic.needs_flag.empty()) ok = has_option(raw, start + 1, {ic.needs_flag});
      if (ok) {
        if (which) *which = &ic;
        return &e;
      }
    }
  }
  return nullptr;
}

bool is_manifest(const Ecosystem& e, std::string_view file) {
  std::string f(program_name(file));
  if (f.empty()) return false;
  // COPY sources are filepath.Match globs, manifests too: either side may be one.
  for (SV m : e.manifests)
    if (f == m || ::fnmatch(std::string(m).c_str(), f.c_str(), 0) == 0 || ::fnmatch(f.c_str(), std::string(m).c_str(), 0) == 0)
      return true;
  return false;
}

}  // namespace dd::kb
