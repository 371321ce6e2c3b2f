/* photohash.h: a photo file reduced to two fingerprints, the SHA-256 of its
 * bytes (the very same file) and a 64-bit perceptual hash of the picture
 * (the same picture after re-encoding, recompression or resizing), for
 * finding one photo used for two students (P5).  A print is plain values in
 * the caller's struct: the file is read and decoded within the call, and
 * nothing is kept. */
#ifndef XJ_PHOTOHASH_H
#define XJ_PHOTOHASH_H

#include <stdint.h>

#include "xj/error.h"

struct xj_photohash_print {
	unsigned char sha[32];
	uint64_t phash;
	int decoded;        /* 0: the bytes are not a picture we read; no phash */
	int width, height;
};

/* 0: p filled; 1: bytes hashed but the picture not decoded (err says why,
 * XJ_EDATA); -1: the file could not be read. */
int xj_photohash_print(const char *path, struct xj_photohash_print *p, struct xj_error *err);

/* The number of differing bits of two perceptual hashes, 0..64. */
int xj_photohash_distance(uint64_t a, uint64_t b);

#endif
