#pragma once
// Names of files that hold credentials (shared by DD2026 and DD2032).
#include <string>

#include "dockerfile/knowledge.h"

namespace dd::dockerfile::inc {

inline bool is_secret_file(std::string_view path) {
  std::string n = kb::lower(kb::basename(path));
  if (n.empty()) return false;
  for (const char* skip : {"example", "sample", "template", ".dist", "public", ".pub"})
    if (kb::contains(n, skip)) return false;
  for (const char* exact : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".npmrc", ".pypirc", ".netrc", ".env",
                            ".git-credentials", ".dockercfg", "credentials", "credentials.json", ".htpasswd",
                            "kubeconfig", ".s3cfg", "secrets.yaml", "secrets.yml", "secrets.json", "service-account.json"})
    if (n == exact) return true;
  if (n.rfind(".env.", 0) == 0) return true;
  for (const char* ext : {".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", ".ppk"})
    if (n.size() > std::string_view(ext).size() && n.ends_with(ext)) return true;
  return n.ends_with(".pem") && (kb::contains(n, "key") || kb::contains(n, "private") || kb::contains(n, "id_"));
}

}  // namespace dd::dockerfile::inc
