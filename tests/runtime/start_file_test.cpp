// interpreter_of: the #! program or the ELF loader, read from real files.
#include "runtime/start_file.h"

#include <gtest/gtest.h>

#include <fstream>

namespace dd::runtime {
namespace {

std::string head_of(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::string s(4096, '\0');
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

TEST(StartFile, ShebangInterpreter) {
  bool script = false, elf = true;
  EXPECT_EQ(interpreter_of("#!/bin/sh\nexec x\n", &script, &elf), "/bin/sh");
  EXPECT_TRUE(script);
  EXPECT_FALSE(elf);
  EXPECT_EQ(interpreter_of("#! /bin/bash -e\n"), "/bin/bash");
  EXPECT_EQ(interpreter_of("#!/usr/bin/env python3\n"), "/usr/bin/env");
  // The kernel keeps the carriage return of a CRLF file: so do we.
  EXPECT_EQ(interpreter_of("#!/bin/sh\r\necho\r\n"), "/bin/sh\r");
  EXPECT_EQ(interpreter_of("echo no shebang\n", &script, &elf), "");
  EXPECT_FALSE(script);
}

TEST(StartFile, ElfProgramInterpreterOfRealBinaries) {
  bool script = true, elf = false;
  // A dynamically linked Debian binary names the glibc loader.
  std::string ip = interpreter_of(head_of("/bin/ls"), &script, &elf);
  EXPECT_TRUE(elf);
  EXPECT_FALSE(script);
  EXPECT_NE(ip.find("ld-linux"), std::string::npos) << ip;
  // busybox-static has no interpreter.
  EXPECT_EQ(interpreter_of(head_of("/bin/busybox"), &script, &elf), "");
  EXPECT_TRUE(elf);
}

TEST(StartFile, TruncatedOrHostileElfHeadersGiveNothing) {
  std::string h = head_of("/bin/ls");
  EXPECT_EQ(interpreter_of(h.substr(0, 70)), "");  // program headers cut off
  std::string bad = h;
  bad[0x38] = '\xff';  // e_phnum 0xffff-ish
  bad[0x39] = '\xff';
  EXPECT_EQ(interpreter_of(bad), "");
  EXPECT_EQ(interpreter_of(std::string("\x7f" "ELF", 4)), "");
}

}  // namespace
}  // namespace dd::runtime
