#include "cli/cli.h"

int main(int argc, char** argv) { return dd::cli::main(argc, argv); }
