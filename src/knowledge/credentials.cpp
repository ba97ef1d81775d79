#include "knowledge/credentials.h"
#include "core/text.h"

#include <fnmatch.h>

#include <array>
#include <string>
#include <vector>

namespace dd::kb {
namespace {

using SV = std::string_view;
using C = SecretCheck;

const SecretFile kFiles[] = {
    {".env", "", "environment file"},
    {".env.*", "", "environment file"},
    {"id_rsa*", "", "SSH private key"},
    {"id_dsa*", "", "SSH private key"},
    {"id_ecdsa*", "", "SSH private key"},
    {"id_ed25519*", "", "SSH private key"},
    {"*.pem", "", "PEM key", C::key_material},
    {"*.key", "", "private key", C::key_material},
    {"*.p12", "", "PKCS#12 keystore"},
    {"*.pfx", "", "PKCS#12 keystore"},
    {"*.jks", "", "Java keystore"},
    {"*.keystore", "", "Java keystore"},
    {"*.kdbx", "", "KeePass database"},
    {"*.ppk", "", "PuTTY private key"},
    {".npmrc", "", "npm credentials", C::token_inside},
    {".pypirc", "", "PyPI credentials", C::token_inside},
    {".yarnrc.yml", "", "Yarn credentials", C::token_inside, false},
    {"credentials", ".aws", "AWS credentials"},
    {"credentials.json", "", "credentials file"},
    {"service-account.json", "", "service account key"},
    {".git-credentials", "", "Git credentials"},
    {".netrc", "", "netrc credentials"},
    {".pgpass", "", "PostgreSQL password file"},
    {".htpasswd", "", "htpasswd file"},
    {".s3cfg", "", "s3cmd credentials"},
    {".dockercfg", "", "Docker registry credentials"},
    {"config.json", ".docker", "Docker registry credentials"},
    {"config", ".kube", "kubeconfig"},
    {"kubeconfig*", "", "kubeconfig"},
    {"config", ".git", "Git config with credentials in a remote URL", C::git_credentials, false},
    {"*.tfstate", "", "Terraform state"},
    {"*.tfstate.backup", "", "Terraform state"},
    // Data files only: secrets.py or secrets.cpp is code that handles secrets.
    {"secrets.json", "", "secrets file"},
    {"secrets.y*ml", "", "secrets file"},
    {"secrets.env", "", "secrets file"},
    {"secrets.toml", "", "secrets file"},
    {"secrets.txt", "", "secrets file"},
};

using dd::text::lower;

bool contains(SV hay, SV needle) { return hay.find(needle) != SV::npos; }

SV base_of(SV p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t s = p.rfind('/');
  return s == SV::npos ? p : p.substr(s + 1);
}

bool match(SV pattern, const std::string& name) {
  return ::fnmatch(std::string(pattern).c_str(), name.c_str(), 0) == 0;  // no FNM_PERIOD: as filepath.Match
}

}  // namespace

std::span<const SecretFile> secret_files() { return kFiles; }

bool is_template_or_public(std::string_view base) {
  std::string n = lower(base);
  for (SV w : {"example", "sample", "template", "public"})
    if (contains(n, w)) return true;
  for (SV s : {".dist", ".defaults", ".tpl", ".tmpl", ".pub"})
    if (n.size() > s.size() && n.ends_with(s)) return true;
  return false;
}

const SecretFile* secret_file(std::string_view path) {
  SV base = base_of(path);
  if (base.empty() || base == SV(".") || base == SV("/") || is_template_or_public(base)) return nullptr;
  SV parent;
  if (path.size() > base.size() + 1) parent = base_of(path.substr(0, path.rfind('/')));
  const std::string name = lower(base);
  for (const auto& f : kFiles) {
    if (!f.in_dir.empty() && parent != f.in_dir) continue;
    if (match(f.name, name)) return &f;
  }
  return nullptr;
}

bool is_secret_file_name(std::string_view path) {
  const SecretFile* f = secret_file(path);
  if (!f || !f->by_name) return false;
  if (f->check == SecretCheck::key_material) {
    std::string n = lower(base_of(path));
    return n.ends_with(".key") || contains(n, "key") || contains(n, "private") || contains(n, "id_");
  }
  return true;
}

bool secret_contents_confirm(const SecretFile& f, std::string_view body) {
  switch (f.check) {
    case SecretCheck::always:
      return true;
    case SecretCheck::key_material:
      // A certificate or public key alone is not a secret.
      if (contains(body, "PRIVATE KEY")) return true;
      return !(contains(body, "CERTIFICATE") || contains(body, "PUBLIC KEY"));
    case SecretCheck::token_inside:
      for (SV t : {"_authToken", "_auth=", "_auth =", "_password", "password", "npmAuthToken", "npmAuthIdent"})
        if (contains(body, t)) return true;
      return false;
    case SecretCheck::git_credentials: {
      // url = https://user:token@host/...
      size_t at = body.find("://");
      while (at != SV::npos) {
        size_t end = body.find_first_of(" \t\r\n", at);
        SV url = body.substr(at + 3, (end == SV::npos ? body.size() : end) - at - 3);
        SV host = url.substr(0, url.find('/'));
        if (contains(host, "@") && contains(host.substr(0, host.find('@')), ":")) return true;
        at = body.find("://", at + 3);
      }
      return false;
    }
  }
  return false;
}

bool is_secret_name(std::string_view raw) {
  std::string n(raw);
  for (auto& c : n) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '-' || c == '.') c = '_';
  }
  // The parts between underscores, as views into n: no copies.
  std::vector<SV> parts;
  for (size_t pos = 0; pos <= n.size();) {
    size_t us = n.find('_', pos);
    if (us == std::string::npos) us = n.size();
    if (us > pos) parts.emplace_back(n.data() + pos, us - pos);
    pos = us + 1;
  }
  if (parts.empty() || n == "PWD") return false;
  // A last part that makes the name a reference or a setting about a secret.
  static constexpr std::array<SV, 42> kNotSecret{
      "FILE",    "PATH",     "DIR",      "NAME",     "URL",     "URI",      "ENDPOINT", "HOST",    "PORT",
      "LENGTH",  "LEN",      "SIZE",     "TTL",      "EXPIRY",  "EXPIRES",  "EXPIRATION", "TIMEOUT", "ENABLED",
      "ENABLE",  "DISABLED", "HEADER",   "TYPE",     "FORMAT",  "VERSION",  "ID",       "ALGORITHM", "ALG",
      "MIN",     "MAX",      "COUNT",    "LIFETIME", "PREFIX",  "FIELD",    "REQUIRED", "POLICY",  "LOCATION",
      "MOUNT",   "REF",      "ISSUER",   "AUDIENCE", "SCOPE",   "MODE"};
  for (SV s : kNotSecret)
    if (parts.back() == s) return false;
  // A part that says secret.
  static constexpr std::array<SV, 16> kWords{
      "PASSWORD", "PASSWD",    "PASS",   "PWD",        "PASSPHRASE", "SECRET",    "TOKEN",     "APIKEY",
      "PRIVKEY",  "CREDENTIAL", "CREDENTIALS", "AUTHTOKEN", "ACCESSKEY", "SECRETKEY", "DBPASS", "ACCESSTOKEN"};
  for (SV p : parts) {
    for (SV w : kWords)
      if (p == w) return true;
    if (p.size() > 8 && (p.ends_with("PASSWORD") || p.ends_with("TOKEN") || p.ends_with("SECRET"))) return true;
  }
  // <FIRST>_KEY and <FIRST>_SECRET: API_KEY, PRIVATE_KEY, CLIENT_SECRET.
  static constexpr std::array<SV, 14> kFirst{"API",     "PRIVATE", "ACCESS", "SECRET", "AUTH",
                                             "ENCRYPTION", "SIGNING", "MASTER", "LICENSE", "CLIENT",
                                             "SESSION", "APP",     "SERVICE", "JWT"};
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    for (SV f : kFirst)
      if (parts[i] == f && (parts[i + 1] == "KEY" || (parts[i + 1] == "SECRET" && parts[i] != "SECRET")))
        return true;
  if (parts.back() == "AUTH" && parts.size() >= 2) return true;  // NPM_CONFIG__AUTH
  return false;
}

}  // namespace dd::kb
