#pragma once
// A bounded tar reader of our own, fed by push (the layer decoders hand it
// decoded chunks), so that nothing is held whole: ustar, GNU (long names and
// links 'L'/'K', base-256 sizes, old sparse 'S'), PAX extended and global
// headers (path, linkpath, size, uid, gid, mtime, GNU.sparse.name/realsize).
// Metadata records are bounded (1 MiB); a header with a bad checksum or a
// stream cut inside an entry is an error (TarError), never a crash.
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <stdexcept>
#include <string>

namespace dd::image {

struct TarEntry {
  std::string name;      // as stored (PAX/GNU long name applied)
  std::string linkname;
  char type = '0';       // '0' file, '1' hard link, '2' symlink, '5' dir, '3' '4' '6' devices/fifo
  uint64_t size = 0;     // bytes of data that follow in the archive
  uint64_t real_size = 0;  // the file's size (sparse entries: bigger than size)
  uint32_t mode = 0, uid = 0, gid = 0;
  int64_t mtime = 0;
  uint64_t header_offset = 0;  // offset of the header block in the tar stream
  uint64_t data_offset = 0;    // offset of the first data byte
};

struct TarError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TarHandler {
 public:
  virtual ~TarHandler() = default;
  // Returns whether it wants the data of this entry.
  virtual bool entry(const TarEntry& e) = 0;
  // A chunk of the current entry's data (only when entry() said yes).
  // Returning false skips the rest of this entry's data.
  virtual bool data(std::span<const char> chunk) { (void)chunk; return true; }
  virtual void entry_end() {}
};

class TarParser {
 public:
  explicit TarParser(TarHandler& h) : h_(h) {}
  // Consumes bytes. Throws TarError on malformed headers.
  void feed(std::span<const char> in);
  // True after the end-of-archive blocks (or when the stream ended at an
  // entry boundary, as some writers leave it).
  bool at_boundary() const { return state_ == State::header && have_ == 0; }
  bool ended() const { return ended_; }
  uint64_t offset() const { return pos_; }
  // For random-access readers: bytes of data (and padding) the caller may
  // skip instead of feeding, when the handler did not want them.
  uint64_t skippable() const;
  void skip(uint64_t n);  // n <= skippable()

 private:
  enum class State { header, data, pad, meta, done };
  void header(const char* blk);
  void finish_meta();

  TarHandler& h_;
  State state_ = State::header;
  char blk_[512];
  size_t have_ = 0;
  uint64_t pos_ = 0;
  uint64_t left_ = 0;  // data bytes left of the current entry / meta
  uint64_t pad_ = 0;
  bool want_ = false;
  char meta_type_ = 0;
  std::string meta_;
  // Pending metadata for the next entry.
  std::string long_name_, long_link_;
  std::map<std::string, std::string> pax_, global_;
  TarEntry cur_;
  int zero_blocks_ = 0;
  bool ended_ = false;
};

// Whether a 512-byte header block carries the checksum of its bytes.
bool header_checksum_ok(const char* block);

// The PAX records of an extended header ("len key=value\n"...).
std::map<std::string, std::string> parse_pax(std::string_view s);

}  // namespace dd::image
