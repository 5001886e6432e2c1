/* Compiles stb's implementation where no prebuilt libstb exists (Debian ships one: libstb-dev). */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include "stb_image.h"
#include "stb_image_write.h"
