// Secrets (secret-leak): the shared src/secrets rule set over every text
// file of every layer (files a later layer deletes included), the history,
// Env and Labels. Only redacted values leave this file.
#include <algorithm>
#include <map>
#include <set>

#include "core/redact.h"
#include "image/analyzer.h"
#include "image/rules.h"
#include "knowledge/credentials.h"
#include "secrets/pgpass.h"
#include "secrets/secrets.h"

namespace dd::image {
namespace {

constexpr size_t kWindow = 1 << 20;   // scanned at a time
constexpr size_t kOverlap = 4096;     // carried over, so a token across windows is seen
constexpr uint64_t kMaxFile = 64ull << 20;  // text files bigger than this are logs or data

// Known false positives: documentation, test fixtures and examples, locale
// data, the files of installed packages and toolchains (third-party code
// the image's owner did not write: a key in PyJWT's own description, Go's
// crypto test keys), and the self-signed key Debian's ssl-cert generates in
// every image. The application's own files of every type are scanned.
bool allowlisted(std::string_view p) {
  static constexpr std::string_view prefixes[] = {"/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
                                                   "/usr/share/locale/", "/usr/share/i18n/", "/usr/share/zoneinfo/",
                                                   "/usr/share/common-licenses/", "/usr/include/", "/usr/src/", "/proc/",
                                                   "/sys/", "/usr/share/perl", "/usr/share/mime/", "/var/lib/dpkg/",
                                                   "/usr/share/ca-certificates/", "/etc/ssl/certs/", "/usr/local/go/",
                                                   "/usr/lib/go-", "/usr/share/go-", "/usr/lib/jvm/"};
  for (auto x : prefixes)
    if (p.rfind(x, 0) == 0) return true;
  static constexpr std::string_view parts[] = {"/test/", "/tests/", "/testdata/", "/testing/", "/fixtures/",
                                                "/__tests__/", "/spec/", "/examples/", "/docs/", "/doc/",
                                                "/site-packages/", "/dist-packages/", "/node_modules/",
                                                "/go/pkg/mod/", "/gems/", "/.cargo/registry/"};
  for (auto x : parts)
    if (p.find(x) != std::string_view::npos) return true;
  if (p == "/etc/ssl/private/ssl-cert-snakeoil.key") return true;
  for (auto ext : {".md", ".rst", ".pem.example", ".pyc", ".js.map", "_test.go", "_test.py"})
    if (p.ends_with(ext)) return true;
  return false;
}

// Config files, where a `password = value` assignment is a credential and
// not code.
bool config_like(std::string_view p) {
  std::string_view base = p.substr(p.rfind('/') + 1);
  // Credential files by name: the knowledge layer's one table.
  if (dd::kb::secret_file(p) || base.rfind(".env", 0) == 0 || base == "config.json" || base == "auth.json") return true;
  for (auto ext : {".env", ".conf", ".cfg", ".ini", ".properties", ".yaml", ".yml", ".toml", ".json", ".xml"})
    if (base.ends_with(ext)) return true;
  return false;
}

struct Hit {
  std::string path;
  std::string rule, description, redacted;
};

class FileScanner : public FileSink {
 public:
  FileScanner(std::vector<Hit>& hits) : hits_(hits) {}
  void begin(const Entry& e) {
    path_ = e.path;
    buf_.clear();
    binary_ = false;
    first_ = true;
    config_ = config_like(e.path);
    pgpass_ = e.path.ends_with("/.pgpass");
    seen_.clear();
  }
  bool data(std::span<const char> c) override {
    if (first_) {
      first_ = false;
      size_t n = std::min<size_t>(c.size(), 8192);
      if (std::find(c.begin(), c.begin() + long(n), '\0') != c.begin() + long(n)) {
        binary_ = true;
        return false;
      }
    }
    buf_.append(c.data(), c.size());
    if (buf_.size() >= kWindow) {
      scan();
      buf_.erase(0, buf_.size() - kOverlap);
    }
    return true;
  }
  void end(bool) override {
    if (!binary_ && !buf_.empty()) scan();
    buf_.clear();
  }

 private:
  void scan() {
    auto found = secrets::scan_text(buf_);
    if (pgpass_) {
      auto more = secrets::scan_pgpass(buf_);
      found.insert(found.end(), more.begin(), more.end());
    }
    for (auto& s : found) {
      bool generic = s.rule == "keyword-assignment" || s.rule == "url-credentials" || s.rule == "npm-auth-token";
      if (generic && !config_) continue;
      if (generic && s.value.size() < 8) continue;
      if (!seen_.insert(s.redacted + s.rule).second) continue;
      hits_.push_back({path_, s.rule, s.description, s.redacted});
    }
  }
  std::vector<Hit>& hits_;
  std::string path_, buf_;
  bool binary_ = false, first_ = true, config_ = false, pgpass_ = false;
  std::set<std::string> seen_;
};

struct SecretScan : LayerScan {
  std::vector<Hit> hits;
  FileScanner scanner{hits};
  FileSink* on_file(const Entry& e) override {
    if (e.type != FileType::regular || e.size == 0 || e.size > kMaxFile || allowlisted(e.path)) return nullptr;
    scanner.begin(e);
    return &scanner;
  }
};

class SecretsAnalyzer : public Analyzer {
 public:
  std::string_view name() const override { return "secrets"; }
  std::vector<std::string> patterns() const override { return {"**"}; }
  std::unique_ptr<LayerScan> begin_layer(int) override { return std::make_unique<SecretScan>(); }

  void finish(const ImageModel& m, const FsView& fs, std::vector<std::unique_ptr<LayerScan>>& layers,
              FindingSink& out) override {
    for (size_t i = 0; i < layers.size(); ++i) {
      auto* s = static_cast<SecretScan*>(layers[i].get());
      if (!s) continue;
      const int layer = int(i);  // the layer's place (a streamed layer is read before it is known)
      for (auto& h : s->hits) {
        Finding f = image_finding(m, kSecretFile, layer, h.path);
        auto st = fs.stat(h.path);
        bool gone = !st || st->layer != layer;
        f.message = h.description + " in " + h.path + " (" + layer_label(m, layer) + ")" +
                    (gone ? (st ? ", replaced by a later layer but still in this one" : ", deleted by a later layer but still in this one") : "");
        f.evidence = h.redacted;
        f.tags = {h.rule};
        if (gone) f.tags.push_back("deleted-later");
        out.add(std::move(f));
      }
    }
    // Env.
    for (auto& kv : m.config.env) {
      auto eq = kv.find('=');
      if (eq == std::string::npos) continue;
      std::string name = kv.substr(0, eq), value = kv.substr(eq + 1);
      if (!secrets::looks_secret_value(name, value)) continue;
      auto known = secrets::match_value(value);
      Finding f = image_finding(m, kSecretConfig);
      f.location.field = "Config.Env." + name;
      f.message = "Env " + name + " holds " + (known.empty() ? std::string("a secret") : "a " + known[0].description);
      f.evidence = name + "=" + redact(value);
      out.add(std::move(f));
    }
    // Labels.
    for (auto& [k, v] : m.config.labels) {
      if (!secrets::looks_secret_value(k, v) || (secrets::match_value(v).empty() && !secrets::is_secret_name(k))) continue;
      Finding f = image_finding(m, kSecretConfig);
      f.location.field = "Config.Labels." + k;
      f.message = "label " + k + " holds a secret";
      f.evidence = k + "=" + redact(v);
      out.add(std::move(f));
    }
    // History: build arguments ("|2 A=1 B=2 /bin/sh -c ...") and command lines.
    std::set<std::string> seen;
    for (size_t i = 0; i < m.history.size(); ++i) {
      const std::string& cb = m.history[i].created_by;
      std::vector<std::pair<std::string, std::string>> found;  // description, redacted
      if (cb.rfind("|", 0) == 0) {
        // "|N NAME=value ... /bin/sh -c": N build args.
        size_t sp = cb.find(' ');
        int n = std::atoi(cb.c_str() + 1);
        size_t pos = sp;
        for (int k = 0; k < n && pos != std::string::npos; ++k) {
          size_t b = cb.find_first_not_of(' ', pos);
          if (b == std::string::npos) break;
          size_t e = cb.find(' ', b);
          std::string arg = cb.substr(b, e == std::string::npos ? std::string::npos : e - b);
          pos = e;
          auto eq = arg.find('=');
          if (eq == std::string::npos) continue;
          std::string an = arg.substr(0, eq), av = arg.substr(eq + 1);
          if (secrets::looks_secret_value(an, av)) found.push_back({"build argument " + an, an + "=" + redact(av)});
        }
      }
      for (auto& s : secrets::scan_text(cb)) {
        bool dup = false;
        for (auto& f : found)
          if (f.second.find(s.redacted) != std::string::npos) dup = true;
        if (!dup) found.push_back({s.description, s.redacted});
      }
      for (auto& [what, red] : found) {
        if (!seen.insert(red).second) continue;
        Finding f = image_finding(m, kSecretConfig, m.history[i].layer);
        f.location.field = "history[" + std::to_string(i) + "].created_by";
        f.message = what + " recorded in the image history (docker history shows it)";
        f.evidence = red;
        out.add(std::move(f));
      }
    }
  }
};

DD_IMAGE_ANALYZER(SecretsAnalyzer)

}  // namespace
}  // namespace dd::image
