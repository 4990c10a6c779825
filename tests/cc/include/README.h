/* The test toolchain's -isystem folder: what is in it does not matter, that the compiler finds it does. */
