#pragma once
// Docker Engine API client: libcurl over the unix socket (or tcp to
// loopback), API version negotiation, JSON requests, log demultiplexing and
// the streamed events endpoint.
#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace dd::engine {

// Where the engine listens. Exactly one of unix_path / tcp_base is set.
struct Endpoint {
  std::string unix_path;  // /var/run/docker.sock
  std::string tcp_base;   // http://127.0.0.1:2375
  std::string display;    // what error messages name
};

// Parses a DOCKER_HOST value: unix://PATH or tcp://HOST:PORT where HOST is a
// loopback address. Throws InputError for anything else.
Endpoint parse_host(std::string_view docker_host);
// $DOCKER_HOST, or unix:///var/run/docker.sock.
Endpoint endpoint_from_env();

// The engine answered with an HTTP error status.
class ApiError : public InputError {
 public:
  ApiError(long status, const std::string& what) : InputError(what), status_(status) {}
  long status() const { return status_; }

 private:
  long status_;
};

struct Response {
  long status = 0;
  std::string body;
  std::string api_version;  // the API-Version header, when sent
  std::map<std::string, std::string> headers;  // keys in lower case
  bool truncated = false;   // the body was cut at RequestOptions::max_body
  bool timed_out = false;   // RequestOptions::timeout_ok and the timeout passed
};

struct RequestOptions {
  bool head = false;                // HEAD: headers only
  const char* method = nullptr;     // "POST", "DELETE"; null: GET (or HEAD)
  std::string json_body;            // sent as application/json
  size_t max_body = size_t(-1);     // keep only the first bytes of the body
  // When set, the body is handed over in chunks instead of kept (no size
  // limit); returning false ends the transfer. Response::body stays empty.
  std::function<bool(std::string_view)> on_body;
  long timeout_seconds = -1;        // -1: the client's timeout; 0: none
  std::string body;                 // a raw body (PUT archive), with content_type
  std::string content_type;
  bool timeout_ok = false;          // a timeout returns what arrived (Response::timed_out) instead of throwing
};

// What a command run with Client::exec printed and how it ended.
struct ExecResult {
  std::optional<int> exit_code;  // nullopt: still running when the timeout passed, or never started
  std::string output;            // stdout and stderr, in order, cut at 64 KiB
  bool timed_out = false;
};

// One entry of a tar stream written with write_tar.
struct TarEntry {
  enum class Type { file, dir, symlink };
  std::string path;  // relative: "config/app.yaml"
  Type type = Type::file;
  std::string data;  // a file's content
  std::string link;  // a symlink's target
  uint32_t mode = 0644;
  int64_t uid = 0, gid = 0;
};
// A tar archive (pax) of the entries, with libarchive.
std::string write_tar(const std::vector<TarEntry>& entries);

// A path inside a container, from the X-Docker-Container-Path-Stat header.
struct PathStat {
  std::string name;
  int64_t size = 0;
  uint32_t mode = 0;        // Go's os.FileMode: permission bits, plus type bits
  std::string link_target;  // for a symlink
  bool is_dir() const { return mode & (1u << 31); }
  bool is_symlink() const { return mode & (1u << 27); }
};

// One demultiplexed log line.
struct LogLine {
  int stream = 1;  // 1 stdout, 2 stderr
  std::string text;
};

// Splits a logs body: the multiplexed stream of 8-byte frame headers
// ([stream, 0, 0, 0, size32be]) or, with tty, raw text. A frame cut short
// sets *truncated and keeps what arrived.
std::vector<LogLine> demux_logs(std::string_view body, bool tty, bool* truncated = nullptr);

// The state of an events stream, for the callback.
struct EventsOptions {
  nlohmann::json filters = nlohmann::json::object();  // {"type":["container"],...}
  int timeout_seconds = 0;                            // 0: until stopped
  const std::atomic<bool>* stop = nullptr;            // set to end the stream
};

class Client {
 public:
  explicit Client(Endpoint ep = endpoint_from_env(), long timeout_seconds = 30);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const Endpoint& endpoint() const { return ep_; }
  // "1.41": from /_ping's API-Version header, else /version, capped at the
  // newest version this client knows. Fetched once.
  const std::string& api_version();

  // GET /v1.NN<path>. Throws InputError when the engine cannot be reached.
  Response get(const std::string& path);
  // GET with the body streamed to on_body (image export: /images/{name}/get).
  Response get_stream(const std::string& path, std::function<bool(std::string_view)> on_body,
                      long timeout_seconds = 0);
  // GET and parse; throws ApiError on a status >= 400 (404 included).
  nlohmann::json get_json(const std::string& path);
  // POST a JSON body and parse the answer (null for an empty one); throws
  // ApiError on a status >= 400.
  nlohmann::json post_json(const std::string& path, const nlohmann::json& body);
  // DELETE; throws ApiError on a status >= 400 other than 404.
  void remove(const std::string& path);

  // Container and image inspect; nullopt when the engine says 404.
  std::optional<nlohmann::json> inspect_container(const std::string& name_or_id);
  std::optional<nlohmann::json> inspect_image(const std::string& id);
  nlohmann::json info();
  // GET /containers/json?all=1&filters=...
  nlohmann::json list_containers(bool all, const nlohmann::json& filters = nlohmann::json::object());
  // The last `tail` lines (0: all) of stdout and stderr.
  std::vector<LogLine> logs(const std::string& id, int tail, bool tty, bool* truncated = nullptr);

  // HEAD /containers/{id}/archive?path=: whether the path exists in the
  // container's filesystem (stopped containers too), with its mode and
  // link target. nullopt when it does not exist.
  std::optional<PathStat> stat_path(const std::string& id, const std::string& path);
  // The first `max_bytes` of a regular file in the container (through the
  // archive endpoint, read with libarchive); nullopt when it is missing.
  std::optional<std::string> read_file_start(const std::string& id, const std::string& path, size_t max_bytes = 4096);

  // Runs `cmd` in a running container (POST /containers/{id}/exec, then
  // /exec/{id}/start attached), as `user` when given, waiting at most
  // `timeout_seconds`. Throws ApiError when the engine refuses the exec.
  ExecResult exec(const std::string& id, const std::vector<std::string>& cmd, long timeout_seconds,
                  const std::string& user = {});
  // PUT /containers/{id}/archive?path=: extracts a tar into the container's
  // filesystem (a created container too, volumes included). Throws ApiError.
  void put_archive(const std::string& id, const std::string& path, const std::string& tar);

  // Streams /events and calls on_event for each event object; returns when
  // on_event returns false, the stop flag is set, the timeout passes or the
  // engine closes the stream. No overall timeout unless asked.
  void events(const EventsOptions& opt, const std::function<bool(const nlohmann::json&)>& on_event);

 private:
  struct Curl;
  Response request(const std::string& url_path, bool versioned, const RequestOptions& o = {});
  std::string url(const std::string& path, bool versioned);
  [[noreturn]] void unreachable(int curl_code, const std::string& curl_msg);

  Endpoint ep_;
  long timeout_;
  std::string version_;
};

// Percent-encodes a query value.
std::string url_encode(std::string_view s);

}  // namespace dd::engine
