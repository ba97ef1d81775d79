// Docker Engine API client over libcurl. See client.h.
#include "engine/client.h"
#include "core/base64.h"

#include "engine/libs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace dd::engine {
namespace {

constexpr const char* kNewestApi = "1.43";
constexpr size_t kMaxBody = 512u << 20;

bool loopback_host(std::string_view h) {
  if (h == "localhost" || h == "::1" || h == "[::1]") return true;
  if (h.rfind("127.", 0) != 0) return false;
  for (char c : h)
    if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
  return true;
}

// Numeric compare of "1.41" style versions.
bool version_less(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& v) {
    int major = 0, minor = 0;
    std::sscanf(v.c_str(), "%d.%d", &major, &minor);
    return std::pair{major, minor};
  };
  return parts(a) < parts(b);
}

struct Buffer {
  std::string data;
  size_t limit = kMaxBody;
  bool cut_ok = false;  // stop quietly at the limit (only the start is wanted)
  bool cut = false;
  bool overflow = false;
  const std::function<bool(std::string_view)>* sink = nullptr;
  bool sink_stopped = false;
};

size_t write_body(char* ptr, size_t size, size_t n, void* user) {
  auto* b = static_cast<Buffer*>(user);
  size_t len = size * n;
  if (b->sink) {
    if ((*b->sink)(std::string_view(ptr, len))) return len;
    b->sink_stopped = true;
    return 0;
  }
  if (b->data.size() + len > b->limit) {
    if (b->cut_ok) {
      b->data.append(ptr, b->limit - b->data.size());
      b->cut = true;
    } else {
      b->overflow = true;
    }
    return 0;  // ends the transfer
  }
  b->data.append(ptr, len);
  return len;
}

// Keeps every header, keys in lower case, values trimmed.
size_t read_header(char* ptr, size_t size, size_t n, void* user) {
  size_t len = size * n;
  std::string_view line(ptr, len);
  auto* r = static_cast<Response*>(user);
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return len;
  std::string key(line.substr(0, colon));
  for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string v(line.substr(colon + 1));
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
  while (!v.empty() && v.front() == ' ') v.erase(v.begin());
  if (key == "api-version") r->api_version = v;
  r->headers[key] = std::move(v);
  return len;
}

}  // namespace

struct Client::Curl {
  CURL* h;
  Curl() : h(curl().easy_init()) {}
  ~Curl() {
    if (h) curl().easy_cleanup(h);
  }
  template <class T>
  void set(CURLoption o, T v) {
    curl().easy_setopt(h, o, v);
  }
  // What every request sets: the socket, the URL, errors, no proxy, no signals.
  void basics(const std::string& unix_path, const std::string& url, char* err) {
    if (!unix_path.empty()) set(CURLOPT_UNIX_SOCKET_PATH, unix_path.c_str());
    set(CURLOPT_URL, url.c_str());
    set(CURLOPT_ERRORBUFFER, err);
    set(CURLOPT_CONNECTTIMEOUT, 5L);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_PROXY, "");
  }
};

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Endpoint parse_host(std::string_view host) {
  Endpoint ep;
  if (host.rfind("unix://", 0) == 0) {
    ep.unix_path = std::string(host.substr(7));
    if (ep.unix_path.empty()) throw InputError("DOCKER_HOST=" + std::string(host) + ": no socket path after unix://");
    ep.display = ep.unix_path;
    return ep;
  }
  if (host.rfind("tcp://", 0) == 0 || host.rfind("http://", 0) == 0) {
    std::string_view rest = host.substr(host.find("://") + 3);
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    std::string_view h = rest;
    if (!h.empty() && h.front() == '[') {
      auto close = h.find(']');
      h = close == std::string_view::npos ? h : h.substr(0, close + 1);
    } else if (auto colon = h.rfind(':'); colon != std::string_view::npos) {
      h = h.substr(0, colon);
    }
    if (!loopback_host(h))
      throw InputError("DOCKER_HOST=" + std::string(host) +
                       ": only a loopback tcp:// host (127.0.0.1, localhost, [::1]) is allowed; "
                       "use unix:///var/run/docker.sock or an SSH tunnel to 127.0.0.1");
    std::string r(rest);
    if (r.find(':', h.size()) == std::string::npos) r += ":2375";
    ep.tcp_base = "http://" + r;
    ep.display = std::string(host);
    return ep;
  }
  throw InputError("DOCKER_HOST=" + std::string(host) +
                   ": unsupported engine address; use unix:///PATH or tcp://127.0.0.1:PORT");
}

Endpoint endpoint_from_env() {
  const char* h = std::getenv("DOCKER_HOST");
  if (h && *h) return parse_host(h);
  return parse_host("unix:///var/run/docker.sock");
}

std::vector<LogLine> demux_logs(std::string_view body, bool tty, bool* truncated) {
  std::vector<LogLine> out;
  if (truncated) *truncated = false;
  std::string pending[3];
  auto feed = [&](int stream, std::string_view chunk) {
    std::string& p = pending[stream];
    for (char c : chunk) {
      if (c == '\n') {
        if (!p.empty() && p.back() == '\r') p.pop_back();
        out.push_back({stream, std::move(p)});
        p.clear();
      } else {
        p += c;
      }
    }
  };
  // A multiplexed body starts with a header whose first byte is 0, 1 or 2
  // followed by three zero bytes; anything else is raw text.
  bool framed = !tty && body.size() >= 8 && static_cast<unsigned char>(body[0]) <= 2 && body[1] == 0 &&
                body[2] == 0 && body[3] == 0;
  if (!framed) {
    feed(1, body);
  } else {
    size_t pos = 0;
    while (pos < body.size()) {
      if (body.size() - pos < 8) {
        if (truncated) *truncated = true;
        break;
      }
      auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(body[pos + i])); };
      int stream = static_cast<int>(u(0));
      uint32_t size = (u(4) << 24) | (u(5) << 16) | (u(6) << 8) | u(7);
      bool bad_header = stream > 2 || u(1) || u(2) || u(3);
      pos += 8;
      if (bad_header) {
        if (truncated) *truncated = true;
        break;
      }
      if (stream == 0) stream = 1;
      size_t take = std::min<size_t>(size, body.size() - pos);
      feed(stream, body.substr(pos, take));
      pos += take;
      if (take < size) {
        if (truncated) *truncated = true;
        break;
      }
    }
  }
  for (int s = 1; s <= 2; ++s)
    if (!pending[s].empty()) out.push_back({s, std::move(pending[s])});
  return out;
}

Client::Client(Endpoint ep, long timeout_seconds) : ep_(std::move(ep)), timeout_(timeout_seconds) { curl(); }
Client::~Client() = default;

std::string Client::url(const std::string& path, bool versioned) {
  std::string base = ep_.unix_path.empty() ? ep_.tcp_base : "http://localhost";
  if (versioned) base += "/v" + api_version();
  return base + path;
}

void Client::unreachable(int code, const std::string& msg) {
  std::string what = "cannot reach the Docker engine at " + ep_.display + ": ";
  if (!ep_.unix_path.empty()) {
    struct stat st {};
    if (::stat(ep_.unix_path.c_str(), &st) != 0) {
      throw InputError(what + "no such file; start dockerd or set DOCKER_HOST");
    }
    if (::access(ep_.unix_path.c_str(), R_OK | W_OK) != 0)
      throw InputError(what + "permission denied; add your user to the docker group (sudo usermod -aG docker $USER) " +
                       "or run drydock with sudo");
    if (!S_ISSOCK(st.st_mode)) throw InputError(what + "not a socket; set DOCKER_HOST to the engine's socket");
    if (code == CURLE_COULDNT_CONNECT)
      throw InputError(what + "connection refused; start dockerd or set DOCKER_HOST");
  }
  if (code == CURLE_OPERATION_TIMEDOUT) throw InputError(what + "timed out; is dockerd hung?");
  throw InputError(what + msg + "; start dockerd or set DOCKER_HOST");
}

Response Client::request(const std::string& path, bool versioned, const RequestOptions& o) {
  std::string u = url(path, versioned);
  Curl c;
  if (!c.h) throw InputError("cannot reach the Docker engine: libcurl failed to initialise");
  Buffer body;
  body.limit = std::min(o.max_body, kMaxBody);
  body.cut_ok = o.max_body < kMaxBody;
  Response r;
  if (o.head) c.set(CURLOPT_NOBODY, 1L);
  char err[CURL_ERROR_SIZE] = {0};
  c.basics(ep_.unix_path, u, err);
  struct Headers {
    curl_slist* list = nullptr;
    ~Headers() {
      if (list) curl().slist_free_all(list);
    }
  } headers;
  if (o.method) c.set(CURLOPT_CUSTOMREQUEST, o.method);
  if (!o.json_body.empty()) {
    headers.list = curl().slist_append(nullptr, "Content-Type: application/json");
    c.set(CURLOPT_HTTPHEADER, headers.list);
    c.set(CURLOPT_POSTFIELDS, o.json_body.c_str());
    c.set(CURLOPT_POSTFIELDSIZE, static_cast<long>(o.json_body.size()));
  } else if (!o.content_type.empty()) {
    std::string h = "Content-Type: " + o.content_type;
    headers.list = curl().slist_append(nullptr, h.c_str());
    c.set(CURLOPT_HTTPHEADER, headers.list);
    c.set(CURLOPT_POSTFIELDS, o.body.data());
    c.set(CURLOPT_POSTFIELDSIZE, static_cast<long>(o.body.size()));
  }
  c.set(CURLOPT_WRITEFUNCTION, write_body);
  c.set(CURLOPT_WRITEDATA, &body);
  if (o.on_body) body.sink = &o.on_body;
  c.set(CURLOPT_HEADERFUNCTION, read_header);
  c.set(CURLOPT_HEADERDATA, &r);
  c.set(CURLOPT_TIMEOUT, o.timeout_seconds >= 0 ? o.timeout_seconds : timeout_);
  CURLcode rc = curl().easy_perform(c.h);
  if (body.overflow) throw InputError("Docker engine answer to " + path + " is larger than 512 MiB");
  if (rc == CURLE_WRITE_ERROR && body.sink_stopped) body.cut = true;
  if (rc == CURLE_OPERATION_TIMEDOUT && o.timeout_ok) r.timed_out = true;
  if (rc != CURLE_OK && !r.timed_out && !(rc == CURLE_WRITE_ERROR && body.cut)) unreachable(rc, err[0] ? err : curl().easy_strerror(rc));
  curl().easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &r.status);
  r.body = std::move(body.data);
  r.truncated = body.cut;
  return r;
}

const std::string& Client::api_version() {
  if (!version_.empty()) return version_;
  Response ping = request("/_ping", false);
  std::string v = ping.api_version;
  if (v.empty()) {
    Response ver = request("/version", false);
    auto j = nlohmann::json::parse(ver.body, nullptr, false);
    if (j.is_object() && j.value("ApiVersion", "").size()) v = j.value("ApiVersion", "");
  }
  if (v.empty()) v = "1.41";
  if (version_less(kNewestApi, v)) v = kNewestApi;
  version_ = v;
  return version_;
}

Response Client::get(const std::string& path) { return request(path, true); }

Response Client::get_stream(const std::string& path, std::function<bool(std::string_view)> on_body,
                            long timeout_seconds) {
  RequestOptions o;
  o.on_body = std::move(on_body);
  o.timeout_seconds = timeout_seconds;
  return request(path, true, o);
}

namespace {

ApiError api_error(const Response& r, const nlohmann::json& j) {
  std::string msg = j.is_object() && j.contains("message") && j["message"].is_string()
                        ? j["message"].get<std::string>()
                        : "HTTP " + std::to_string(r.status);
  return ApiError(r.status, "Docker engine: " + msg);
}

}  // namespace

nlohmann::json Client::get_json(const std::string& path) {
  Response r = get(path);
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status >= 400) throw api_error(r, j);
  if (j.is_discarded()) throw InputError("Docker engine sent malformed JSON for " + path);
  return j;
}

nlohmann::json Client::post_json(const std::string& path, const nlohmann::json& body) {
  RequestOptions o;
  o.method = "POST";
  o.json_body = body.is_null() ? std::string() : body.dump();
  Response r = request(path, true, o);
  auto j = r.body.empty() ? nlohmann::json() : nlohmann::json::parse(r.body, nullptr, false);
  if (r.status >= 400) throw api_error(r, j);
  if (j.is_discarded()) throw InputError("Docker engine sent malformed JSON for " + path);
  return j;
}

void Client::remove(const std::string& path) {
  RequestOptions o;
  o.method = "DELETE";
  Response r = request(path, true, o);
  if (r.status >= 400 && r.status != 404) throw api_error(r, nlohmann::json::parse(r.body, nullptr, false));
}

std::optional<nlohmann::json> Client::inspect_container(const std::string& name) {
  try {
    return get_json("/containers/" + url_encode(name) + "/json");
  } catch (const ApiError& e) {
    if (e.status() == 404) return std::nullopt;
    throw;
  }
}

std::optional<nlohmann::json> Client::inspect_image(const std::string& id) {
  try {
    return get_json("/images/" + url_encode(id) + "/json");
  } catch (const ApiError& e) {
    if (e.status() == 404) return std::nullopt;
    throw;
  }
}

nlohmann::json Client::info() { return get_json("/info"); }

nlohmann::json Client::list_containers(bool all, const nlohmann::json& filters) {
  std::string q = std::string("/containers/json?all=") + (all ? "1" : "0");
  if (filters.is_object() && !filters.empty()) q += "&filters=" + url_encode(filters.dump());
  return get_json(q);
}

std::vector<LogLine> Client::logs(const std::string& id, int tail, bool tty, bool* truncated) {
  std::string q = "/containers/" + url_encode(id) + "/logs?stdout=1&stderr=1&tail=" +
                  (tail > 0 ? std::to_string(tail) : std::string("all"));
  Response r = get(q);
  if (r.status >= 400) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    std::string msg = j.is_object() && j.contains("message") && j["message"].is_string()
                          ? j["message"].get<std::string>()
                          : "HTTP " + std::to_string(r.status);
    throw ApiError(r.status, "Docker engine: " + msg);
  }
  return demux_logs(r.body, tty, truncated);
}

namespace {

struct EventState {
  std::string pending;
  const std::function<bool(const nlohmann::json&)>* on_event;
  const EventsOptions* opt;
  std::chrono::steady_clock::time_point deadline;
  bool done = false;
};

size_t write_events(char* ptr, size_t size, size_t n, void* user) {
  auto* s = static_cast<EventState*>(user);
  size_t len = size * n;
  s->pending.append(ptr, len);
  size_t nl;
  while ((nl = s->pending.find('\n')) != std::string::npos) {
    std::string line = s->pending.substr(0, nl);
    s->pending.erase(0, nl + 1);
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    if (!(*s->on_event)(j)) {
      s->done = true;
      return 0;
    }
  }
  if (s->pending.size() > (1u << 20)) s->pending.clear();
  return len;
}

int events_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* s = static_cast<EventState*>(user);
  if (s->opt->stop && s->opt->stop->load()) return 1;
  if (s->opt->timeout_seconds > 0 && std::chrono::steady_clock::now() >= s->deadline) return 1;
  return 0;
}

}  // namespace

void Client::events(const EventsOptions& opt, const std::function<bool(const nlohmann::json&)>& on_event) {
  std::string path = "/events";
  if (opt.filters.is_object() && !opt.filters.empty()) path += "?filters=" + url_encode(opt.filters.dump());
  std::string u = url(path, true);
  Curl c;
  if (!c.h) throw InputError("cannot reach the Docker engine: libcurl failed to initialise");
  EventState st;
  st.on_event = &on_event;
  st.opt = &opt;
  st.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.timeout_seconds);
  char err[CURL_ERROR_SIZE] = {0};
  c.basics(ep_.unix_path, u, err);
  c.set(CURLOPT_WRITEFUNCTION, write_events);
  c.set(CURLOPT_WRITEDATA, &st);
  c.set(CURLOPT_NOPROGRESS, 0L);
  c.set(CURLOPT_XFERINFOFUNCTION, events_progress);
  c.set(CURLOPT_XFERINFODATA, &st);
  CURLcode rc = curl().easy_perform(c.h);
  if (rc == CURLE_OK || rc == CURLE_ABORTED_BY_CALLBACK || (rc == CURLE_WRITE_ERROR && st.done)) {
    long status = 0;
    curl().easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400) throw ApiError(status, "Docker engine refused the events stream: HTTP " + std::to_string(status));
    return;
  }
  unreachable(rc, err[0] ? err : curl().easy_strerror(rc));
}

ExecResult Client::exec(const std::string& id, const std::vector<std::string>& cmd, long timeout_seconds,
                        const std::string& user) {
  nlohmann::json create = {{"AttachStdout", true}, {"AttachStderr", true}, {"Tty", false}, {"Cmd", cmd}};
  if (!user.empty()) create["User"] = user;
  auto made = post_json("/containers/" + url_encode(id) + "/exec", create);
  std::string exec_id = made.is_object() ? made.value("Id", "") : "";
  if (exec_id.empty()) throw InputError("Docker engine: exec create for " + id + " returned no id");
  RequestOptions o;
  o.method = "POST";
  o.json_body = R"({"Detach":false,"Tty":false})";
  o.max_body = 64u << 10;
  o.timeout_seconds = std::max(1L, timeout_seconds);
  o.timeout_ok = true;
  Response r = request("/exec/" + exec_id + "/start", true, o);
  ExecResult out;
  if (r.status >= 400) throw api_error(r, nlohmann::json::parse(r.body, nullptr, false));
  out.timed_out = r.timed_out;
  for (auto& l : demux_logs(r.body, false)) out.output += l.text + "\n";
  auto j = get_json("/exec/" + exec_id + "/json");
  if (j.is_object() && j.contains("ExitCode") && j["ExitCode"].is_number_integer() && !j.value("Running", false))
    out.exit_code = j["ExitCode"].get<int>();
  return out;
}

void Client::put_archive(const std::string& id, const std::string& path, const std::string& tar) {
  RequestOptions o;
  o.method = "PUT";
  o.body = tar;
  o.content_type = "application/x-tar";
  Response r = request("/containers/" + url_encode(id) + "/archive?path=" + url_encode(path), true, o);
  if (r.status >= 400) throw api_error(r, nlohmann::json::parse(r.body, nullptr, false));
}

namespace {

la_ssize_t tar_append(struct archive*, void* user, const void* buf, size_t n) {
  static_cast<std::string*>(user)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

}  // namespace

std::string write_tar(const std::vector<TarEntry>& entries) {
  const ArchiveApi& A = archive();
  std::string out;
  struct archive* a = A.write_new();
  A.write_set_format_pax_restricted(a);
  if (A.write_open(a, &out, nullptr, tar_append, nullptr) != ARCHIVE_OK) {
    A.write_free(a);
    throw InputError("libarchive cannot write a tar stream");
  }
  for (const auto& e : entries) {
    struct archive_entry* ae = A.entry_new();
    A.entry_set_pathname(ae, e.path.c_str());
    A.entry_set_uid(ae, e.uid);
    A.entry_set_gid(ae, e.gid);
    A.entry_set_mtime(ae, std::time(nullptr), 0);
    switch (e.type) {
      case TarEntry::Type::file:
        A.entry_set_filetype(ae, AE_IFREG);
        A.entry_set_size(ae, static_cast<la_int64_t>(e.data.size()));
        break;
      case TarEntry::Type::dir:
        A.entry_set_filetype(ae, AE_IFDIR);
        A.entry_set_size(ae, 0);
        break;
      case TarEntry::Type::symlink:
        A.entry_set_filetype(ae, AE_IFLNK);
        A.entry_set_symlink(ae, e.link.c_str());
        A.entry_set_size(ae, 0);
        break;
    }
    A.entry_set_perm(ae, static_cast<__LA_MODE_T>(e.mode));
    int rc = A.write_header(a, ae);
    if (rc == ARCHIVE_OK && e.type == TarEntry::Type::file && !e.data.empty())
      rc = A.write_data(a, e.data.data(), e.data.size()) < 0 ? ARCHIVE_FATAL : ARCHIVE_OK;
    A.entry_free(ae);
    if (rc != ARCHIVE_OK) {
      A.write_free(a);
      throw InputError("libarchive cannot write the tar entry " + e.path);
    }
  }
  A.write_close(a);
  A.write_free(a);
  return out;
}

namespace {


std::string archive_path(const std::string& id, const std::string& path) {
  return "/containers/" + url_encode(id) + "/archive?path=" + url_encode(path);
}

}  // namespace

std::optional<PathStat> Client::stat_path(const std::string& id, const std::string& path) {
  RequestOptions o;
  o.head = true;
  Response r = request(archive_path(id, path), true, o);
  if (r.status == 404) return std::nullopt;
  if (r.status >= 400) throw ApiError(r.status, "Docker engine: HTTP " + std::to_string(r.status) + " for " + path);
  PathStat st;
  auto it = r.headers.find("x-docker-container-path-stat");
  if (it == r.headers.end()) return st;
  auto j = nlohmann::json::parse(base64_decode(it->second), nullptr, false);
  if (!j.is_object()) return st;
  st.name = j.value("name", "");
  if (j.contains("size") && j["size"].is_number()) st.size = j["size"].get<int64_t>();
  if (j.contains("mode") && j["mode"].is_number()) st.mode = j["mode"].get<uint32_t>();
  st.link_target = j.value("linkTarget", "");
  return st;
}

std::optional<std::string> Client::read_file_start(const std::string& id, const std::string& path, size_t max_bytes) {
  RequestOptions o;
  o.max_body = max_bytes + 2048;  // tar headers (a long name takes two) then the data
  Response r = request(archive_path(id, path), true, o);
  if (r.status == 404) return std::nullopt;
  if (r.status >= 400) throw ApiError(r.status, "Docker engine: HTTP " + std::to_string(r.status) + " for " + path);
  struct archive* a = archive().read_new();
  archive().read_support_format_tar(a);
  std::optional<std::string> out;
  if (archive().read_open_memory(a, r.body.data(), r.body.size()) == ARCHIVE_OK) {
    struct archive_entry* e = nullptr;
    if (archive().read_next_header(a, &e) == ARCHIVE_OK && archive().entry_filetype(e) == AE_IFREG) {
      std::string data;
      char buf[4096];
      while (data.size() < max_bytes) {
        la_ssize_t n = archive().read_data(a, buf, sizeof buf);
        if (n <= 0) break;  // end, or the cut we asked for
        data.append(buf, static_cast<size_t>(n));
      }
      if (data.size() > max_bytes) data.resize(max_bytes);
      out = std::move(data);
    }
  }
  archive().read_free(a);
  return out;
}

}  // namespace dd::engine
