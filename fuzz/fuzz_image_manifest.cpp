// libFuzzer target: the image source readers (docker save manifest.json,
// OCI index.json and manifests, the image config) on arbitrary JSON. The
// input is split at NUL bytes into manifest.json, index.json and a blob
// (named both config.json and by its sha256), packed into a tar in a memfd.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.h"
#include "image/io.h"
#include "image/source.h"

namespace {

void add(std::string& tar, const std::string& name, const std::string& data) {
  char h[512] = {0};
  std::snprintf(h, 100, "%s", name.c_str());
  std::snprintf(h + 100, 8, "%07o", 0644);
  std::snprintf(h + 124, 12, "%011llo", (unsigned long long)data.size());
  h[156] = '0';
  std::memcpy(h + 257, "ustar\0" "00", 8);
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (int i = 0; i < 512; ++i) sum += (unsigned char)h[i];
  std::snprintf(h + 148, 8, "%06o", sum);
  tar.append(h, 512);
  tar += data;
  tar.append((512 - data.size() % 512) % 512, '\0');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  size_t b = 0;
  for (size_t i = 0; i <= in.size(); ++i)
    if (i == in.size() || in[i] == '\0') {
      parts.push_back(in.substr(b, i - b));
      b = i + 1;
    }
  parts.resize(3);
  std::string tar;
  if (!parts[0].empty()) add(tar, "manifest.json", parts[0]);
  if (!parts[1].empty()) add(tar, "index.json", parts[1]);
  add(tar, "config.json", parts[2]);
  add(tar, "blobs/sha256/" + dd::image::sha256_hex(parts[2]), parts[2]);
  tar.append(1024, '\0');
  int fd = memfd_create("image", 0);
  if (fd < 0) return 0;
  if (write(fd, tar.data(), tar.size()) == ssize_t(tar.size())) {
    try {
      dd::image::Options opt;
      (void)dd::image::open_image("/proc/self/fd/" + std::to_string(fd), opt);
    } catch (const dd::InputError&) {
    }
  }
  close(fd);
  return 0;
}
