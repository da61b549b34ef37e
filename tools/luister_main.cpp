// luister: runs `luister-<tool>` like `git <command>`, and lists the installed tools.
#include "luister/cli/front.hpp"

int main(int argc, char** argv) { return luister::run_front(argc, argv); }
