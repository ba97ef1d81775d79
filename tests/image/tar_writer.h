#pragma once
// A small ustar/PAX/GNU tar writer for tests: synthetic layers and
// docker-save archives, hostile ones included.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace dd::test {

class TarWriter {
 public:
  // type: '0' file, '1' hard link, '2' symlink, '5' dir, 'x' PAX, 'g' global PAX, 'L' GNU long name.
  TarWriter& raw(const std::string& name, char type, const std::string& data, const std::string& link = "",
                 unsigned mode = 0644) {
    char h[512] = {0};
    std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
    std::snprintf(h + 100, 8, "%07o", mode);
    std::snprintf(h + 108, 8, "%07o", 0);
    std::snprintf(h + 116, 8, "%07o", 0);
    std::snprintf(h + 124, 12, "%011llo", (unsigned long long)data.size());
    std::snprintf(h + 136, 12, "%011o", 1700000000);
    h[156] = type;
    std::memcpy(h + 157, link.data(), std::min<size_t>(link.size(), 100));
    std::memcpy(h + 257, "ustar\0" "00", 8);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) sum += (unsigned char)h[i];
    std::snprintf(h + 148, 8, "%06o", sum);
    h[155] = ' ';
    out_.append(h, 512);
    out_ += data;
    out_.append((512 - data.size() % 512) % 512, '\0');
    return *this;
  }
  TarWriter& file(const std::string& name, const std::string& data, unsigned mode = 0644) { return raw(name, '0', data, "", mode); }
  TarWriter& dir(const std::string& name) { return raw(name, '5', "", "", 0755); }
  TarWriter& symlink(const std::string& name, const std::string& target) { return raw(name, '2', "", target, 0777); }
  TarWriter& hardlink(const std::string& name, const std::string& target) { return raw(name, '1', "", target); }
  static std::string pax_record(const std::string& k, const std::string& v) {
    std::string body = " " + k + "=" + v + "\n";
    size_t len = body.size() + 1;
    while (std::to_string(len).size() + body.size() != len) ++len;
    return std::to_string(len) + body;
  }
  TarWriter& pax(const std::string& records, bool global = false) {
    return raw(global ? "pax_global_header" : "PaxHeader", global ? 'g' : 'x', records);
  }
  TarWriter& gnu_long_name(const std::string& name) { return raw("././@LongLink", 'L', name + std::string(1, '\0')); }
  std::string finish() {
    out_.append(1024, '\0');
    return out_;
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

}  // namespace dd::test
