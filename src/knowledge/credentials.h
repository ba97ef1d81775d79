#pragma once
// Where credentials live: the names of files that hold them and the names of
// variables that do. One table for every check: the build context (DD3001),
// COPY/ADD of a secret file (DD2032, DD2026), ENV/ARG secrets, the image's
// config-file scan, diagnose and envdiff masking.
#include <span>
#include <string_view>

namespace dd::kb {

// What, beyond the name, makes the file a secret.
enum class SecretCheck {
  always,           // the name is enough (.env, id_rsa, .git-credentials)
  key_material,     // PEM/key files: a private key, not a certificate or public key
  token_inside,     // .npmrc and friends: an auth token or password line inside
  git_credentials,  // .git/config: a remote URL with user:token@
};

struct SecretFile {
  std::string_view name;    // pattern on the lower-case base name: * ? [...] as in filepath.Match
  std::string_view in_dir;  // the parent folder it must be in ("" = any): .aws for credentials
  std::string_view what;    // shown in messages: "SSH private key"
  SecretCheck check = SecretCheck::always;
  // Whether the name alone counts when the contents cannot be read (a COPY
  // source without its context): .npmrc yes, .yarnrc.yml (mostly settings) no.
  bool by_name = true;
};
std::span<const SecretFile> secret_files();

// Copies that hold no real value: .env.example, key.sample, *.tmpl, id_rsa.pub.
bool is_template_or_public(std::string_view base_name);

// The row a path (a/b/.aws/credentials, id_rsa) matches by its name and
// parent folder, or nullptr. Templates and public keys never match.
const SecretFile* secret_file(std::string_view path);

// The name alone says credentials (COPY sources, layer paths): a row
// matches and its name is enough (by_name); PEM files only when the name says
// key (server-key.pem, private.pem, id_rsa.pem).
bool is_secret_file_name(std::string_view path);

// The contents confirm a row whose check needs them (key material, a token).
bool secret_contents_confirm(const SecretFile& row, std::string_view contents);

// A variable or key name that says it holds a secret (PASSWORD, SECRET,
// TOKEN, API_KEY, AWS_SECRET_ACCESS_KEY, NPM_CONFIG__AUTH, ...) and is not a
// reference to one (DB_PASSWORD_FILE, TOKEN_URL, SECRET_NAME).
bool is_secret_name(std::string_view name);

}  // namespace dd::kb
