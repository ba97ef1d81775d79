#include "compose/compose.h"

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "core/redact.h"
#include "core/yaml.h"
#include "knowledge/command.h"
#include "secrets/secrets.h"

namespace dd::compose {
namespace {

Mark mark_of(const YAML::Node& n) {
  auto m = n.Mark();
  return {m.line + 1, m.column + 1};
}

std::string scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); }

void read_env(const YAML::Node& env, Service& s) {
  if (!env) return;
  if (env.IsMap()) {
    for (const auto& kv : env) {
      EnvVar v;
      v.name = kv.first.Scalar();
      v.at = mark_of(kv.first);
      if (kv.second && kv.second.IsScalar()) {
        v.value = kv.second.Scalar();
        v.has_value = true;
      }
      s.env.push_back(std::move(v));
    }
  } else if (env.IsSequence()) {
    for (const auto& e : env) {
      if (!e.IsScalar()) continue;
      EnvVar v;
      const std::string& t = e.Scalar();
      auto eq = t.find('=');
      v.name = t.substr(0, eq);
      if (eq != std::string::npos) {
        v.value = t.substr(eq + 1);
        v.has_value = true;
      }
      v.at = mark_of(e);
      s.env.push_back(std::move(v));
    }
  }
}

std::vector<std::string> list(const YAML::Node& n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) out.push_back(n.Scalar());
  else if (n.IsSequence())
    for (const auto& e : n) {
      if (e.IsScalar()) out.push_back(e.Scalar());
      else if (e.IsMap() && e["path"]) out.push_back(scalar(e["path"]));
      else if (e.IsMap() && e["published"]) out.push_back(scalar(e["published"]) + ":" + scalar(e["target"]));
    }
  else if (n.IsMap())
    for (const auto& kv : n) out.push_back(kv.first.Scalar());
  return out;
}

// `command:`/`entrypoint:`: a list is the words; a string is split into shell
// words as compose does (quotes removed, no operators: a string that holds
// `&&` or `;` is not one command and is left unjudged).
std::vector<std::string> command_words(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n.IsSequence()) {
    for (const auto& e : n)
      if (e.IsScalar()) out.push_back(e.Scalar());
  } else if (n.IsScalar()) {
    std::vector<kb::Command> top;
    for (auto& c : kb::shell_commands(n.Scalar()))
      if (c.depth == 0) top.push_back(std::move(c));
    if (top.size() == 1 && top[0].redirects.empty() && !top[0].background && top[0].next == shell::Connector::none)
      out = std::move(top[0].argv);
  }
  return out;
}

}  // namespace

File load(const std::filesystem::path& path, const std::string& display) {
  File f;
  f.path = path;
  f.display = display.empty() ? path.string() : display;
  YAML::Node root = yaml::load_file(path, "compose file");
  try {
    auto services = root.IsMap() ? root["services"] : YAML::Node();
    if (!services || !services.IsMap()) return f;
    for (const auto& kv : services) {
      Service s;
      s.name = kv.first.Scalar();
      s.at = mark_of(kv.first);
      const YAML::Node& n = kv.second;
      if (!n.IsMap()) continue;
      if (n["image"]) {
        s.image = scalar(n["image"]);
        s.image_at = mark_of(n["image"]);
      }
      if (auto b = n["build"]) {
        if (b.IsScalar()) {
          s.build_context = b.Scalar();
        } else if (b.IsMap()) {
          s.build_context = b["context"] ? scalar(b["context"]) : ".";
          s.dockerfile = scalar(b["dockerfile"]);
        }
        if (s.dockerfile.empty()) s.dockerfile = "Dockerfile";
      }
      read_env(n["environment"], s);
      s.env_files = list(n["env_file"]);
      s.ports = list(n["ports"]);
      if (auto h = n["healthcheck"]) {
        s.has_healthcheck = true;
        s.healthcheck_disabled = scalar(h["disable"]) == "true";
        auto test = h["test"];
        if (test && test.IsSequence() && test.size() > 0 && scalar(test[0]) == "NONE") s.healthcheck_disabled = true;
      }
      s.memory_limit = scalar(n["mem_limit"]);
      if (s.memory_limit.empty() && n["deploy"] && n["deploy"]["resources"] && n["deploy"]["resources"]["limits"])
        s.memory_limit = scalar(n["deploy"]["resources"]["limits"]["memory"]);
      if (n["privileged"]) {
        s.privileged = scalar(n["privileged"]) == "true";
        s.privileged_at = mark_of(n["privileged"]);
      }
      s.user = scalar(n["user"]);
      s.depends_on = list(n["depends_on"]);
      if (auto c = n["command"]; c && !c.IsNull()) {
        s.has_command = true;
        s.command = command_words(c);
        s.command_at = mark_of(c);
      }
      if (auto e = n["entrypoint"]; e && !e.IsNull()) {
        s.has_entrypoint = true;
        s.entrypoint = command_words(e);
        s.entrypoint_at = mark_of(e);
      }
      f.services.push_back(std::move(s));
    }
  } catch (const YAML::Exception& e) {
    throw InputError(path.string() + ":" + std::to_string(e.mark.line + 1) + ": unexpected compose structure: " + e.msg);
  }
  return f;
}

std::string shown_env(const EnvVar& e) {
  if (!e.has_value) return e.name;
  auto [pb, pe] = secrets::url_password(e.value);
  if (pb != std::string::npos)
    return e.name + "=" + e.value.substr(0, pb) + redact(e.value.substr(pb, pe - pb)) + e.value.substr(pe);
  if (secrets::looks_secret_value(e.name, e.value)) return e.name + "=" + redact(e.value);
  return e.name + "=" + e.value;
}

Finding at(const File& file, const Service& svc, Mark m, std::string message, std::string evidence) {
  Finding f;
  f.location.file = file.display;
  f.location.line = m.line;
  f.location.column = m.column;
  f.location.resource = "service/" + svc.name;
  f.message = std::move(message);
  f.evidence = std::move(evidence);
  return f;
}

std::vector<Finding> lint(const File& file, const CoreSettings& config) {
  Report report(&config);
  for (const auto* r : rules()) r->check(file, report);
  return std::move(report.findings());
}

}  // namespace dd::compose
