#include "secrets/secrets.h"
#include "core/text.h"
#include "secrets/pgpass.h"

#include "knowledge/credentials.h"

#include <hs.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <unordered_set>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <fstream>
#include <filesystem>

#include "core/redact.h"

namespace dd::secrets {
namespace {

// The rule set. Specific token formats first: when two matches overlap, the
// earlier row wins.
constexpr std::array kPatterns{
    Pattern{"private-key", "private key", R"(-----BEGIN ((RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----)"},
    Pattern{"aws-access-key-id", "AWS access key id", R"(\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b)"},
    Pattern{"github-token", "GitHub token", R"(\bgh[pousr]_[A-Za-z0-9]{36,})"},
    Pattern{"github-pat", "GitHub fine-grained token", R"(\bgithub_pat_[A-Za-z0-9_]{22,})"},
    Pattern{"gitlab-token", "GitLab token", R"(\bglpat-[A-Za-z0-9_\-]{20,})"},
    Pattern{"slack-token", "Slack token", R"(\bxox[abposr]-[A-Za-z0-9\-]{10,})"},
    Pattern{"slack-webhook", "Slack webhook", R"(https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,})"},
    Pattern{"stripe-key", "Stripe live key", R"(\b[sr]k_live_[A-Za-z0-9]{20,})"},
    Pattern{"google-api-key", "Google API key", R"(\bAIza[0-9A-Za-z_\-]{35})"},
    Pattern{"npm-token", "npm token", R"(\bnpm_[A-Za-z0-9]{36})"},
    Pattern{"sendgrid-key", "SendGrid key", R"(\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})"},
    Pattern{"pypi-token", "PyPI upload token", R"(\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})"},
    Pattern{"gitlab-runner-token", "GitLab runner token", R"(\bglrt-[A-Za-z0-9_\-]{20,})"},
    Pattern{"slack-app-token", "Slack app-level token", R"(\bxapp-\d-[A-Z0-9]{9,}-\d{10,}-[a-f0-9]{32,})"},
    // Rows after trivy's and gitleaks' rule lists (s19): token formats with
    // a fixed prefix or a fixed inner marker only, so that a match is a key.
    Pattern{"openai-key", "OpenAI API key", R"(\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})"},
    Pattern{"anthropic-key", "Anthropic API key", R"(\bsk-ant-(api|admin)\d{2}-[A-Za-z0-9_\-]{80,})"},
    Pattern{"huggingface-token", "Hugging Face token", R"(\bhf_[A-Za-z]{34}\b)"},
    Pattern{"digitalocean-token", "DigitalOcean token", R"(\bdo[opr]_v1_[a-f0-9]{64}\b)"},
    Pattern{"shopify-token", "Shopify token", R"(\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\b)"},
    Pattern{"age-secret-key", "age secret key", R"(\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b)"},
    Pattern{"vault-token", "HashiCorp Vault token", R"(\bhv[sb]\.[A-Za-z0-9_\-]{90,})"},
    Pattern{"terraform-token", "Terraform Cloud token", R"(\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70})"},
    Pattern{"grafana-token", "Grafana token", R"(\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2}))"},
    Pattern{"postman-key", "Postman API key", R"(\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b)"},
    Pattern{"databricks-token", "Databricks token", R"(\bdapi[a-f0-9]{32}(-\d)?\b)"},
    Pattern{"doppler-token", "Doppler token", R"(\bdp\.(pt|st|sa|ct|scim)\.[A-Za-z0-9]{40,44}\b)"},
    Pattern{"dynatrace-token", "Dynatrace token", R"(\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b)"},
    Pattern{"new-relic-key", "New Relic user API key", R"(\bNRAK-[A-Z0-9]{27}\b)"},
    Pattern{"linear-key", "Linear API key", R"(\blin_api_[A-Za-z0-9]{40}\b)"},
    Pattern{"planetscale-token", "PlanetScale token", R"(\bpscale_(tkn|pw|oauth)_[A-Za-z0-9_.=\-]{32,64})"},
    Pattern{"pulumi-token", "Pulumi access token", R"(\bpul-[a-f0-9]{40}\b)"},
    Pattern{"rubygems-key", "RubyGems API key", R"(\brubygems_[a-f0-9]{48}\b)"},
    Pattern{"sendinblue-key", "Brevo (Sendinblue) API key", R"(\bxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}\b)"},
    Pattern{"shippo-token", "Shippo live token", R"(\bshippo_live_[a-f0-9]{40}\b)"},
    Pattern{"alibaba-access-key-id", "Alibaba Cloud access key id", R"(\bLTAI[A-Za-z0-9]{20}\b)"},
    Pattern{"gcp-oauth-secret", "Google OAuth client secret", R"(\bGOCSPX-[A-Za-z0-9_\-]{28})"},
    Pattern{"docker-hub-pat", "Docker Hub access token", R"(\bdckr_pat_[A-Za-z0-9_\-]{27,})"},
    Pattern{"gitlab-other-token", "GitLab deploy, trigger or feed token", R"(\bgl(dt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_\-]{20,})"},
    Pattern{"telegram-bot-token", "Telegram bot token", R"(\b\d{8,10}:AA[A-Za-z0-9_\-]{33}\b)"},
    Pattern{"discord-webhook", "Discord webhook", R"(https://(ptb\.|canary\.)?discord(app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,68})"},
    Pattern{"azure-ad-client-secret", "Azure AD client secret", R"(\b[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})"},
    Pattern{"sentry-token", "Sentry auth token", R"(\bsntry[su]_[A-Za-z0-9+/=_\-]{60,})"},
    Pattern{"mapbox-secret", "Mapbox secret token", R"(\bsk\.eyJ[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,})"},
    Pattern{"square-token", "Square access token", R"(\bsq0(atp|csp)-[A-Za-z0-9_\-]{22,43})"},
    Pattern{"atlassian-token", "Atlassian API token", R"(\bATATT3[A-Za-z0-9_=\-]{180,})"},
    Pattern{"docker-config-identitytoken", "registry identity token (docker config.json)",
            R"("identitytoken"\s{0,4}:\s{0,4}"[^"\s]{16,}")", true},
    // ~/.netrc: `machine HOST login USER password VALUE` (one line or several).
    // Written without optional groups: Hyperscan tracks the start of every
    // candidate of those, which cost 10x the whole rule set.
    Pattern{"netrc-password", "password in .netrc", R"(\bmachine\s+\S+\s+login\s+\S+\s+password\s+\S{4,})"},
    Pattern{"netrc-default-password", "password in .netrc", R"(\bdefault\s+login\s+\S+\s+password\s+\S{4,})"},
    Pattern{"docker-config-auth", "registry credentials (docker config.json auth)",
            R"("auth"\s{0,4}:\s{0,4}"[A-Za-z0-9+/]{16,}={0,2}")", true},
    Pattern{"azure-storage-key", "Azure storage account key", R"(AccountKey=[A-Za-z0-9+/]{86}==)", true},
    // Keyword-gated rows after gitleaks' and trivy's (s20): the value has no
    // prefix of its own (32 hex digits, a UUID), so the vendor's name must
    // come just before it, as `NAME = value`.
    Pattern{"twilio-api-key", "Twilio API key",
            R"((?i)twilio[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?SK[0-9a-f]{32}\b)", true, true},
    Pattern{"twilio-auth-token", "Twilio auth token",
            R"((?i)twilio[a-z0-9_.\-]{0,12}(auth|token|secret)[a-z0-9_.\-]{0,12}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-f]{32}\b)", true, true},
    Pattern{"heroku-api-key", "Heroku API key",
            R"((?i)heroku[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)", true, true},
    Pattern{"mailgun-api-key", "Mailgun private API key",
            R"((?i)mailgun[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?key-[0-9a-f]{32}\b)", true, true},
    Pattern{"mailgun-signing-key", "Mailgun webhook signing key",
            R"((?i)mailgun[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-h]{32}-[0-9a-h]{8}-[0-9a-h]{8}\b)", true, true},
    Pattern{"facebook-secret", "Facebook app secret",
            R"((?i)(facebook|fb_?app)[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-f]{32}\b)", true, true},
    Pattern{"twitter-api-secret", "Twitter API secret",
            R"((?i)twitter[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-z]{50}\b)", true, true},
    Pattern{"twitter-api-key", "Twitter API key",
            R"((?i)twitter[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-z]{25}\b)", true, true},
    Pattern{"twitter-access-token", "Twitter access token",
            R"((?i)twitter[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9]{15,25}-[0-9a-z]{20,40}\b)", true, true},
    Pattern{"linkedin-secret", "LinkedIn client secret",
            R"((?i)linkedin[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?[0-9a-z]{16}\b)", true, true},
    Pattern{"okta-token", "Okta API token",
            R"((?i)okta[a-z0-9_.\-]{0,20}["']?\s{0,4}[:=]{1,2}\s{0,4}["']?00[0-9a-z_\-]{40}\b)", true, true},
    Pattern{"heroku-api-key-v2", "Heroku API key", R"(\bHRKU-AA[0-9A-Za-z_\-]{58}\b)"},
    Pattern{"facebook-access-token", "Facebook access token", R"(\bEAA[MC][A-Za-z0-9]{100,})"},
    Pattern{"twitter-bearer-token", "Twitter bearer token", R"(\bA{22}[A-Za-z0-9%]{80,100})"},
    Pattern{"jwt", "JSON web token", R"(\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})"},
    Pattern{"aws-secret-access-key", "AWS secret access key",
            R"((?i)aws_?secret_?access_?key["']?\s{0,4}[:=]\s{0,4}["']?[A-Za-z0-9/+=]{40})", true},
    Pattern{"npm-auth-token", "npm auth token", R"(_auth(Token)?\s{0,4}=\s{0,4}[^\s$'"]{8,})", true},
    Pattern{"url-credentials", "password in URL", R"([a-zA-Z][a-zA-Z0-9+.\-]{1,20}://[^/\s:@'"]+:[^/\s@'"]+@)"},
    Pattern{"keyword-assignment", "secret assignment",
            R"((?i)(password|passwd|passphrase|secret|token|api_?key|private_?key|access_?key|credentials?)[a-z0-9_]*["']?\s{0,4}[:=]\s{0,4}["']?[^\s"'$<>(){}\[\],;]{6,})",
            true},
};

struct Db {
  hs_database_t* db = nullptr;
  hs_scratch_t* proto = nullptr;  // cloned per thread
  ~Db() {
    if (proto) hs_free_scratch(proto);
    if (db) hs_free_database(db);
  }
};

// ${XDG_CACHE_HOME:-$HOME/.cache}/drydock/secrets-<hash of the rule set>.hsdb;
// empty when there is no home to cache in.
std::filesystem::path cache_path(const std::string& key) {
  std::string base;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) base = x;
  else if (const char* h = std::getenv("HOME"); h && *h) base = std::string(h) + "/.cache";
  if (base.empty()) return {};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(key));
  return std::filesystem::path(base) / "drydock" / ("secrets-" + std::string(hex) + ".hsdb");
}

hs_database_t* load_cached(const std::filesystem::path& p) {
  if (p.empty()) return nullptr;
  std::ifstream in(p, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (bytes.empty() || hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

// Best effort: a read-only home only costs the compile next time.
void save_cached(const std::filesystem::path& p, const hs_database_t* db) {
  if (p.empty()) return;
  char* bytes = nullptr;
  size_t n = 0;
  if (hs_serialize_database(db, &bytes, &n) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(p.parent_path(), ec);
  auto tmp = p;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out) out.write(bytes, static_cast<std::streamsize>(n));
  }
  std::free(bytes);
  std::filesystem::rename(tmp, p, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

// Builds the database once; a function-local static costs one load per call
// where std::call_once costs a library call.
const Db& database() {
  static const Db& d = *[]() -> Db* {
    static Db d;
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    std::vector<std::string> store;
    store.reserve(kPatterns.size());
    for (size_t i = 0; i < kPatterns.size(); ++i) {
      store.emplace_back(kPatterns[i].regex);
      std::string& s = store.back();
      unsigned f = HS_FLAG_SOM_LEFTMOST;
      if (s.rfind("(?i)", 0) == 0) {
        s.erase(0, 4);
        f |= HS_FLAG_CASELESS;
      }
      exprs.push_back(s.c_str());
      flags.push_back(f);
      ids.push_back(static_cast<unsigned>(i));
    }
    // Compiling the database costs tens of milliseconds, more than linting a
    // file; a serialized copy in the user's cache makes later runs start fast.
    std::string key = hs_version();
    for (size_t i = 0; i < store.size(); ++i) key += "\n" + store[i] + "/" + std::to_string(flags[i]);
    const std::filesystem::path cached = cache_path(key);
    d.db = load_cached(cached);
    if (!d.db) {
      hs_compile_error_t* err = nullptr;
      if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                           nullptr, &d.db, &err) != HS_SUCCESS) {
        if (err) hs_free_compile_error(err);
        d.db = nullptr;
        return &d;
      }
      save_cached(cached, d.db);
    }
    if (hs_alloc_scratch(d.db, &d.proto) != HS_SUCCESS) d.proto = nullptr;
    return &d;
  }();
  return d;
}

struct Scratch {
  hs_scratch_t* s = nullptr;
  ~Scratch() {
    if (s) hs_free_scratch(s);
  }
};

hs_scratch_t* thread_scratch(const Db& d) {
  thread_local Scratch t;
  if (!t.s && d.proto) hs_clone_scratch(d.proto, &t.s);
  return t.s;
}

struct Raw {
  unsigned id;
  unsigned long long from, to;
};

int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* v = static_cast<std::vector<Raw>*>(ctx);
  // Greedy: keep the longest match per (pattern, start).
  for (auto it = v->rbegin(); it != v->rend() && it != v->rbegin() + 8; ++it)
    if (it->id == id && it->from == from) {
      it->to = std::max(it->to, to);
      return 0;
    }
  if (v->size() > 100000) return 1;  // enough: stop scanning
  v->push_back({id, from, to});
  return 0;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

using dd::text::lower;

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }

// Where the value of `name = value` starts inside [b, e) of text.
// Parts of a name (split at _ . - and case changes are not needed: names
// are compared lowercased) that say the value is no secret.
bool names_a_non_secret(std::string_view name) {
  static constexpr std::string_view kWords[] = {"id", "uuid", "sid", "md5", "sha1", "sha256", "sha512", "checksum",
                                                "hash", "digest", "version", "url", "uri", "host", "region", "user", "username"};
  size_t i = 0;
  while (i <= name.size()) {
    size_t j = name.find_first_of("_.-", i);
    if (j == std::string_view::npos) j = name.size();
    std::string part(name.substr(i, j - i));
    for (auto& c : part) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (auto w : kWords)
      if (part == w) return true;
    i = j + 1;
  }
  return false;
}

size_t value_start(std::string_view text, size_t b, size_t e) {
  size_t i = b;
  while (i < e && text[i] != '=' && text[i] != ':') ++i;
  if (i < e) ++i;
  while (i < e && (text[i] == '=' || text[i] == ':')) ++i;  // "==", ":="
  while (i < e && (text[i] == ' ' || text[i] == '\t' || text[i] == '"' || text[i] == '\'')) ++i;
  return i;
}

bool has_class(std::string_view s, int (*pred)(int)) {
  return std::any_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

// Random-looking: long, mixed classes, high entropy, not a hex digest.
bool high_entropy(std::string_view v) {
  if (v.size() < 24 || v.size() > 4096) return false;
  for (char c : v)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=' && c != '_' && c != '-')
      return false;
  bool hex = std::all_of(v.begin(), v.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  if (hex) return false;
  if (!has_class(v, std::isupper) || !has_class(v, std::islower) || !has_class(v, std::isdigit)) return false;
  return entropy(v) >= 4.2;
}

}  // namespace

std::span<const Pattern> patterns() { return kPatterns; }

double entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  std::array<size_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0.0;
  const double n = static_cast<double>(s.size());
  for (size_t c : counts) {
    if (!c) continue;
    double p = static_cast<double>(c) / n;
    h -= p * std::log2(p);
  }
  return h;
}

bool is_placeholder(std::string_view raw) {
  std::string_view v = raw;
  while (!v.empty() && (v.front() == '"' || v.front() == '\'' || v.front() == ' ')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'' || v.back() == ' ')) v.remove_suffix(1);
  if (v.empty()) return true;
  if (v.front() == '$' || v.find("${") != std::string_view::npos || v.find("$(") != std::string_view::npos) return true;
  if (v.front() == '/' || v.rfind("./", 0) == 0 || v.rfind("~/", 0) == 0) return true;  // a file path
  if ((v.front() == '<' && v.back() == '>') || v.rfind("{{", 0) == 0 || v.rfind("[[", 0) == 0 || v.rfind("%(", 0) == 0)
    return true;
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v.front(); })) return true;  // xxxx, ****, 0000
  const std::string l = lower(v);
  // string_view lists: a compare checks the length before the bytes.
  static constexpr std::array<std::string_view, 36> kWords{
      "changeme", "change_me", "change-me", "example", "placeholder", "password", "secret",   "token",
      "xxx",      "none",      "null",      "nil",     "true",        "false",    "yes",      "no",
      "dummy",    "test",      "testing",   "todo",    "tbd",         "redacted", "default",  "foo",
      "bar",      "foobar",    "empty",     "unset",   "notset",      "not-set",  "required", "mysecret",
      "secret123", "pass",     "off",       "on"};
  for (std::string_view w : kWords)
    if (l == w) return true;
  static constexpr std::array<std::string_view, 16> kParts{
      "changeme", "change_me", "change-me", "change_this", "placeholder", "dummy", "redacted", "replace_me",
      "replaceme", "replace-me", "xxxxxx",  "********",    "your_",       "your-", "<",        "fake"};
  for (std::string_view p : kParts)
    if (l.find(p) != std::string::npos) return true;
  if (l.rfind("your", 0) == 0 || l.rfind("insert", 0) == 0 || l.rfind("enter", 0) == 0) return true;
  // example-token, example.com: lowercase words, not a real key with EXAMPLE in it.
  if (l.find("example") != std::string::npos && std::string(v) == l && !has_class(v, std::isdigit)) return true;
  // A URL without credentials is configuration, not a secret.
  if (l.find("://") != std::string::npos && l.find('@') == std::string::npos) return true;
  return false;
}

// The credential-name table lives in the knowledge layer (knowledge/credentials.h).
bool is_secret_name(std::string_view raw) { return kb::is_secret_name(raw); }

std::pair<size_t, size_t> url_password(std::string_view text) {
  constexpr auto npos = std::string_view::npos;
  size_t scheme = text.find("://");
  while (scheme != npos) {
    size_t start = scheme + 3;
    size_t stop = start;
    while (stop < text.size() && text[stop] != '/' && text[stop] != ' ' && text[stop] != '\t' && text[stop] != '\n' &&
           text[stop] != '"' && text[stop] != '\'')
      ++stop;
    std::string_view auth = text.substr(start, stop - start);
    size_t at = auth.rfind('@');
    if (at != npos) {
      size_t colon = auth.find(':');
      if (colon != npos && colon < at && at > colon + 1) return {start + colon + 1, start + at};
    }
    scheme = text.find("://", stop);
  }
  return {npos, npos};
}

namespace {

// Texts of this thread known to hold no secret. Reports print the same rule
// titles, causes and fixes over and over, and a scan costs a few thousand
// instructions however short the text is. Bounded: cleared when full.
struct CleanTexts {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> set;
  bool has(std::string_view t) const {
    return !set.empty() && set.find(t) != set.end();
  }
  void add(std::string_view t) {
    if (t.size() > 512) return;
    if (set.size() >= 4096) set.clear();
    set.emplace(t);
  }
};

}  // namespace

std::string mask(std::string_view text) {
  std::string out(text);
  thread_local CleanTexts clean;
  if (clean.has(text)) return out;
  auto matches = scan_text(text);
  if (matches.empty()) clean.add(text);
  for (auto it = matches.rbegin(); it != matches.rend(); ++it)
    if (it->end <= out.size() && it->begin < it->end) out.replace(it->begin, it->end - it->begin, it->redacted);
  return out;
}

std::vector<SecretMatch> scan_text(std::string_view text) {
  std::vector<SecretMatch> out;
  const Db& d = database();
  if (!d.db || text.empty() || text.size() > 0xFFFFFFFFu) return out;
  hs_scratch_t* scratch = thread_scratch(d);
  if (!scratch) return out;
  std::vector<Raw> raw;
  hs_scan(d.db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &raw);
  std::stable_sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) {
    return a.from != b.from ? a.from < b.from : a.id < b.id;
  });
  for (const auto& r : raw) {
    const Pattern& p = kPatterns[r.id];
    size_t b = r.from, e = r.to;
    if (p.id == "netrc-password" || p.id == "netrc-default-password") {
      // The value is the word after `password`; anonymous FTP logins give
      // an e-mail address there, not a secret.
      std::string_view m = text.substr(b, e - b);
      if (m.find("anonymous") != std::string_view::npos) continue;
      size_t ws = m.find_last_of(" \t\r\n");
      if (ws == std::string_view::npos) continue;
      b += ws + 1;
      // Code that writes a .netrc: f'... password {self.password}', "%s".
      if (b < e && (text[b] == '{' || text[b] == '%' || text[b] == '"' || text[b] == '\'')) continue;
    } else if (p.id == "url-credentials") {
      auto [pb, pe] = url_password(text.substr(b, e - b + 1));
      if (pb == std::string_view::npos) continue;
      e = b + pe;
      b = b + pb;
    } else if (p.keyword_assignment) {
      // The name may start before the keyword (DB_PASSWORD): widen it.
      size_t nb = b;
      while (nb > 0 && is_name_char(text[nb - 1])) --nb;
      size_t vb = value_start(text, b, e);
      std::string_view name = text.substr(nb, vb - nb);
      while (!name.empty() && !is_name_char(name.back())) name.remove_suffix(1);
      if (p.id == "keyword-assignment" && !is_secret_name(name)) continue;
      // A vendor's name before an id, a digest or an address is not a key:
      // HEROKU_APP_ID=<uuid>, facebook-sdk.tar.gz.md5: <hex>.
      if (p.keyword_gated && names_a_non_secret(name)) continue;
      b = vb;
      while (e > b && (text[e - 1] == '"' || text[e - 1] == '\'')) --e;
      std::string_view v = text.substr(b, e - b);
      if (p.id == "keyword-assignment" &&
          (!has_class(v, std::isdigit) && entropy(v) < 3.0))  // plain words: code, not a credential
        continue;
    }
    if (e <= b) continue;
    std::string_view value = text.substr(b, e - b);
    // Known token formats are real by shape; free-form values may be placeholders.
    if ((p.keyword_assignment || p.id == "url-credentials" || p.id == "netrc-password" || p.id == "netrc-default-password") &&
        is_placeholder(value))
      continue;
    // Overlaps with a kept match: the earlier row (more specific) wins.
    bool dup = false;
    for (auto& m : out) {
      if (b < m.end && m.begin < e) {
        if (r.id < static_cast<unsigned>(std::find_if(kPatterns.begin(), kPatterns.end(),
                                                      [&](const Pattern& q) { return q.id == m.rule; }) -
                                         kPatterns.begin())) {
          m = SecretMatch{std::string(p.id), std::string(p.description), b, e, std::string(value), redact(value)};
        }
        dup = true;
        break;
      }
    }
    if (!dup) out.push_back({std::string(p.id), std::string(p.description), b, e, std::string(value), redact(value)});
  }
  std::sort(out.begin(), out.end(), [](const SecretMatch& a, const SecretMatch& b) { return a.begin < b.begin; });
  return out;
}

std::vector<SecretMatch> scan_pgpass(std::string_view text) {
  std::vector<SecretMatch> out;
  size_t pos = 0;
  while (pos < text.size() && out.size() < 1000) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = pos, e = nl;
    pos = nl + 1;
    if (e > b && text[e - 1] == '\r') --e;
    if (b == e || text[b] == '#') continue;
    // Four fields, then the password; "\:" is a colon inside a field.
    size_t c = b;
    size_t at[4] = {0, 0, 0, 0};  // the four separating colons
    int colons = 0;
    for (; c < e && colons < 4; ++c) {
      if (text[c] == '\\') {
        ++c;
        continue;
      }
      if (text[c] == ':') at[colons++] = c;
    }
    if (colons < 4 || c >= e) continue;
    std::string_view port = text.substr(at[0] + 1, at[1] - at[0] - 1);
    if (port != "*" && (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos)) continue;
    std::string_view value = text.substr(c, e - c);
    if (is_placeholder(value)) continue;
    out.push_back({"pgpass-password", "password in .pgpass", c, e, std::string(value), redact(value)});
  }
  return out;
}

std::vector<SecretMatch> match_value(std::string_view value) {
  std::vector<SecretMatch> out;
  for (auto& m : scan_text(value))
    if (m.rule != "keyword-assignment") out.push_back(std::move(m));
  return out;
}

bool looks_secret_value(std::string_view name, std::string_view value) {
  if (is_placeholder(value)) return false;
  if (!match_value(value).empty()) return true;
  if (is_secret_name(name)) return value.size() >= 4;
  return high_entropy(value);
}

}  // namespace dd::secrets

// This rule set is the masker every finding passes through where it is added
// (Report::add, core/redact.h). Installed with this file, which every program
// holding a rule that reads secrets links.
namespace dd::secrets {
namespace {
const bool masker_installed = [] {
  set_secret_masker([](std::string_view text) { return mask(text); });
  return true;
}();
}  // namespace
}  // namespace dd::secrets
