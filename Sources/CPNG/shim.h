#pragma once
#include <png.h>

// Macros Swift cannot import, re-exported as constants.
static const png_uint_32 GLR_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const png_uint_32 GLR_PNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
