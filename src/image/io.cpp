#include "image/io.h"

#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

namespace dd::image {

File::~File() {
  if (fd >= 0) ::close(fd);
}

std::shared_ptr<File> open_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": " + std::strerror(errno));
  auto f = std::make_shared<File>();
  f->fd = fd;
  f->name = path;
  struct stat st{};
  if (::fstat(fd, &st) == 0) f->size = uint64_t(st.st_size);
  return f;
}

std::string read_blob(const Blob& b, size_t max) {
  const std::string where = b.file ? b.file->name + ": " + b.name : b.name;
  if (b.size > max) throw InputError(where + " is too large (" + std::to_string(b.size) + " bytes)");
  if (b.mem) return *b.mem;
  if (!b.file) throw InputError(where + " is a layer, not a file the export kept");
  std::string s(b.size, '\0');
  size_t got = 0;
  while (got < s.size()) {
    ssize_t n = ::pread(b.file->fd, s.data() + got, s.size() - got, off_t(b.offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw InputError(b.file->name + ": " + b.name + " is cut short");
    got += size_t(n);
  }
  return s;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr); }
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Sha256::update(const void* p, size_t n) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), p, n); }
std::string Sha256::hex_digest() {
  unsigned char md[32];
  unsigned len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}
std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.hex_digest();
}

struct HashPipe::State {
  Sha256 h;
  size_t size = 0;
  std::vector<std::unique_ptr<char[]>> bufs;  // allocated on first use
  std::vector<size_t> fill;   // bytes in each buffer (update() coalesces)
  size_t cur = 0;             // the buffer acquire() handed out
  bool open = false;          // cur is acquired and not yet submitted
  std::deque<size_t> queue;   // submitted, not hashed
  std::vector<bool> busy;     // submitted or being hashed
  uint64_t submitted = 0, inline_below = 0;
  bool stop = false;
  std::mutex mu;
  std::condition_variable cv;
  std::thread t;

  void run() {
    std::unique_lock lk(mu);
    while (true) {
      cv.wait(lk, [&] { return stop || !queue.empty(); });
      if (queue.empty()) return;
      size_t i = queue.front();
      lk.unlock();
      h.update(bufs[i].get(), fill[i]);
      lk.lock();
      queue.pop_front();
      busy[i] = false;
      cv.notify_all();
    }
  }
};

HashPipe::HashPipe(size_t size, size_t count, uint64_t inline_below) : s_(std::make_unique<State>()) {
  count = std::max<size_t>(count, 2);
  s_->size = size;
  s_->bufs.resize(count);
  s_->fill.assign(count, 0);
  s_->busy.assign(count, false);
  s_->inline_below = inline_below;
}

HashPipe::~HashPipe() {
  if (s_->t.joinable()) {
    {
      std::lock_guard lk(s_->mu);
      s_->stop = true;
      s_->queue.clear();
    }
    s_->cv.notify_all();
    s_->t.join();
  }
}

std::span<char> HashPipe::acquire() {
  State& s = *s_;
  if (!s.open) {
    s.cur = (s.cur + 1) % s.bufs.size();
    std::unique_lock lk(s.mu);
    s.cv.wait(lk, [&] { return !s.busy[s.cur]; });
    s.fill[s.cur] = 0;
    s.open = true;
    if (!s.bufs[s.cur]) s.bufs[s.cur] = std::make_unique_for_overwrite<char[]>(s.size);
  }
  return {s.bufs[s.cur].get() + s.fill[s.cur], s.size - s.fill[s.cur]};
}

void HashPipe::submit(size_t n) {
  State& s = *s_;
  s.fill[s.cur] += n;
  s.submitted += n;
  s.open = false;
  if (!s.t.joinable() && s.submitted < s.inline_below) {
    s.h.update(s.bufs[s.cur].get(), s.fill[s.cur]);
    return;
  }
  if (!s.t.joinable()) s.t = std::thread([&s] { s.run(); });
  {
    std::lock_guard lk(s.mu);
    s.busy[s.cur] = true;
    s.queue.push_back(s.cur);
  }
  s.cv.notify_all();
}

void HashPipe::update(const void* p, size_t n) {
  const char* c = static_cast<const char*>(p);
  while (n > 0) {
    std::span<char> b = acquire();
    size_t k = std::min(n, b.size());
    std::memcpy(b.data(), c, k);
    c += k, n -= k;
    State& s = *s_;
    s.fill[s.cur] += k;
    if (s.fill[s.cur] == s.size) {
      s.fill[s.cur] -= k;
      submit(k);
    }
  }
}

std::string HashPipe::hex_digest() {
  State& s = *s_;
  if (s.open && s.fill[s.cur] > 0) submit(0);  // a partly filled update() buffer
  s.open = false;
  if (s.t.joinable()) {
    {
      std::unique_lock lk(s.mu);
      s.cv.wait(lk, [&] { return s.queue.empty(); });
      s.stop = true;
    }
    s.cv.notify_all();
    s.t.join();
  }
  return s.h.hex_digest();
}

Codec sniff_codec(std::span<const unsigned char> h) {
  if (h.size() >= 2 && h[0] == 0x1f && h[1] == 0x8b) return Codec::gzip;
  if (h.size() >= 4 && h[0] == 0x28 && h[1] == 0xb5 && h[2] == 0x2f && h[3] == 0xfd) return Codec::zstd;
  return Codec::none;
}

namespace {

constexpr size_t kOut = 256 << 10;

class Plain : public Decoder {
 public:
  bool feed(std::span<const char> in, const Out& out) override { return in.empty() || out(in); }
  bool finished() const override { return true; }
};

class Gzip : public Decoder {
 public:
  Gzip() : buf_(kOut) { reset(); }
  bool feed(std::span<const char> in, const Out& out) override {
    st_.next_in = (uint8_t*)in.data();
    st_.avail_in = uint32_t(in.size());
    while (st_.avail_in > 0 || more_) {
      if (done_) {
        // Concatenated members (pigz, some builders): start the next one,
        // unless the rest is padding.
        if (st_.avail_in == 0) break;
        if (st_.next_in[0] == 0) {  // zero padding after the last member
          st_.avail_in = 0;
          break;
        }
        uint8_t* ni = st_.next_in;
        uint32_t ai = st_.avail_in;
        reset();
        st_.next_in = ni;
        st_.avail_in = ai;
      }
      st_.next_out = (uint8_t*)buf_.data();
      st_.avail_out = uint32_t(buf_.size());
      int rc = isal_inflate(&st_);
      if (rc < 0) throw DecodeError("gzip: corrupt data (isal_inflate " + std::to_string(rc) + ")");
      size_t n = buf_.size() - st_.avail_out;
      more_ = st_.avail_out == 0;  // output full: call again even without input
      if (st_.block_state == ISAL_BLOCK_FINISH) done_ = true, more_ = false;
      if (n && !out({buf_.data(), n})) return false;
      if (!more_ && st_.avail_in == 0) break;
    }
    return true;
  }
  bool finished() const override { return done_; }

 private:
  void reset() {
    isal_inflate_init(&st_);
    st_.crc_flag = ISAL_GZIP;
    done_ = false;
    more_ = false;
  }
  inflate_state st_;
  std::vector<char> buf_;
  bool done_ = false, more_ = false;
};

class Zstd : public Decoder {
 public:
  Zstd() : ds_(ZSTD_createDStream()), buf_(ZSTD_DStreamOutSize()) { ZSTD_initDStream(ds_); }
  ~Zstd() override { ZSTD_freeDStream(ds_); }
  bool feed(std::span<const char> in, const Out& out) override {
    ZSTD_inBuffer ib{in.data(), in.size(), 0};
    while (true) {
      ZSTD_outBuffer ob{buf_.data(), buf_.size(), 0};
      size_t rc = ZSTD_decompressStream(ds_, &ob, &ib);
      if (ZSTD_isError(rc)) throw DecodeError(std::string("zstd: ") + ZSTD_getErrorName(rc));
      last_ = rc;
      if (ob.pos && !out({buf_.data(), ob.pos})) return false;
      if (ib.pos == ib.size && ob.pos < ob.size) break;
    }
    return true;
  }
  bool finished() const override { return last_ == 0; }

 private:
  ZSTD_DStream* ds_;
  std::vector<char> buf_;
  size_t last_ = 1;
};

}  // namespace

std::unique_ptr<Decoder> make_decoder(Codec c) {
  switch (c) {
    case Codec::gzip: return std::make_unique<Gzip>();
    case Codec::zstd: return std::make_unique<Zstd>();
    default: return std::make_unique<Plain>();
  }
}

}  // namespace dd::image
