#pragma once
// Byte plumbing of the image walk: a shared read-only file, blob regions in
// it, streamed SHA-256 (OpenSSL EVP), and streaming decoders for layer
// media types (isa-l inflate for gzip, libzstd for zstd).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dd::image {

// An open file, closed when the last reference goes. `name` is what error
// messages show.
struct File {
  int fd = -1;
  std::string name;
  uint64_t size = 0;
  ~File();
};
// Opens a file read-only; throws InputError naming it.
std::shared_ptr<File> open_file(const std::string& path);

// A region of a file: a blob of an OCI layout, or a member of a tar.
struct Blob {
  std::shared_ptr<File> file;
  uint64_t offset = 0;
  uint64_t size = 0;
  std::string name;  // "blobs/sha256/ab..." or "abc/layer.tar"
  // Members of an export read once (docker://): a small file's bytes kept
  // in memory, or a layer the walk read as it came (its arrival slot).
  std::shared_ptr<const std::string> mem;
  int slot = -1;
};
// Reads a whole small blob (manifests, configs); throws InputError when it
// is larger than `max`.
std::string read_blob(const Blob& b, size_t max = 64 << 20);

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* p, size_t n);
  std::string hex_digest();  // finalizes
 private:
  void* ctx_;
};
std::string sha256_hex(std::string_view data);

// SHA-256 on a second thread, so that hashing overlaps the parse (hashing is
// about half the CPU time of an uncompressed layer). A ring of `count`
// buffers of `size` bytes: acquire() a free one (waiting for the hasher if
// all are queued), fill it, submit() it; the caller may keep reading it
// until its next acquire() after `count - 1` more submits. update() copies
// into the ring. Below `inline_below` bytes submitted in all, no thread is
// started: small layers hash in place.
class HashPipe {
 public:
  explicit HashPipe(size_t size = 1 << 20, size_t count = 4, uint64_t inline_below = 4 << 20);
  ~HashPipe();
  HashPipe(const HashPipe&) = delete;
  HashPipe& operator=(const HashPipe&) = delete;
  std::span<char> acquire();
  void submit(size_t n);
  void update(const void* p, size_t n);
  std::string hex_digest();  // waits for the queue, finalizes

 private:
  struct State;
  std::unique_ptr<State> s_;
};

enum class Codec { none, gzip, zstd };
// The codec a blob's first bytes announce (magic numbers), whatever its
// media type says.
Codec sniff_codec(std::span<const unsigned char> head);

// Push decoder: feed() compressed bytes, out() receives decoded chunks.
// Throws DecodeError on corrupt input.
class Decoder {
 public:
  using Out = std::function<bool(std::span<const char>)>;  // false: stop
  virtual ~Decoder() = default;
  // Returns false when out() asked to stop.
  virtual bool feed(std::span<const char> in, const Out& out) = 0;
  // True when the compressed stream ended cleanly.
  virtual bool finished() const = 0;
};
std::unique_ptr<Decoder> make_decoder(Codec c);

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace dd::image
