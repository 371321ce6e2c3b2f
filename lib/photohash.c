/* photohash.c: the fingerprints of a photo file.
 *
 * The perceptual hash is the DCT hash: the picture in grey, averaged down
 * to 32x32, its 2-D DCT-II, and of the 8x8 lowest frequencies (the DC term
 * left out) one bit each: above their median or not.  Low frequencies
 * survive JPEG recompression and resizing, so the same picture saved again
 * keeps nearly all its bits, while two different pictures differ in about
 * half of them.  Decoding is stb_image's (Debian's libstb). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <stb_image.h>

#include "xj/infile.h"
#include "xj/photohash.h"

#define SIDE 32        /* the picture averaged down to SIDE x SIDE */
#define LOW 8          /* the LOW x LOW lowest frequencies give the bits */
/* A photo file is read whole to be hashed and decoded: a camera's largest
 * JPEG is some tens of MiB, and a file past 64 MiB is no photo. */
#define MAX_BYTES (64L << 20)
#define MAX_PIXELS 24000000   /* 6000 x 4000, a camera's largest */

static int read_all(const char *path, struct xj_sb *buf, struct xj_error *err)
{
	int rc = xj_infile_read(path, MAX_BYTES, 0, buf, err);

	if (rc == XJ_INFILE_ELONG)
		return xj_error_set(err, XJ_EIO, "%s: too large for a photo", path);
	return rc < 0 ? -1 : 0;
}

/* Each cell of the SIDE x SIDE grid is the mean of the pixels it covers
 * (at least one), so any size of picture maps onto the same grid. */
static void shrink(const unsigned char *px, int w, int h, double g[SIDE][SIDE])
{
	int i, j, x, y;

	for (i = 0; i < SIDE; i++) {
		int y0 = (int)((long)i * h / SIDE), y1 = (int)((long)(i + 1) * h / SIDE);

		if (y1 <= y0)
			y1 = y0 + 1;
		for (j = 0; j < SIDE; j++) {
			int x0 = (int)((long)j * w / SIDE), x1 = (int)((long)(j + 1) * w / SIDE);
			double sum = 0;

			if (x1 <= x0)
				x1 = x0 + 1;
			for (y = y0; y < y1; y++)
				for (x = x0; x < x1; x++)
					sum += px[(size_t)y * w + x];
			g[i][j] = sum / ((double)(y1 - y0) * (x1 - x0));
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static uint64_t dct_hash(double g[SIDE][SIDE])
{
	double cosv[LOW][SIDE], rows[SIDE][LOW], c[LOW * LOW], sorted[LOW * LOW - 1], median;
	uint64_t h = 0;
	int u, v, x, n = 0;

	for (u = 0; u < LOW; u++)
		for (x = 0; x < SIDE; x++)
			cosv[u][x] = cos((2 * x + 1) * u * M_PI / (2.0 * SIDE));
	for (x = 0; x < SIDE; x++)
		for (u = 0; u < LOW; u++) {
			double s = 0;
			int k;

			for (k = 0; k < SIDE; k++)
				s += g[x][k] * cosv[u][k];
			rows[x][u] = s;
		}
	for (v = 0; v < LOW; v++)
		for (u = 0; u < LOW; u++) {
			double s = 0;

			for (x = 0; x < SIDE; x++)
				s += rows[x][u] * cosv[v][x];
			c[v * LOW + u] = s;
		}
	memcpy(sorted, c + 1, sizeof(sorted));
	qsort(sorted, LOW * LOW - 1, sizeof(double), cmp_double);
	median = sorted[(LOW * LOW - 1) / 2];
	for (n = 1; n < LOW * LOW; n++)
		if (c[n] > median)
			h |= (uint64_t)1 << n;
	return h;
}

/* The picture's fingerprints from the bytes of its file; returns as
 * xj_photohash_print does. */
static int print_bytes(const char *path, const unsigned char *buf, int n,
		       struct xj_photohash_print *p, struct xj_error *err)
{
	unsigned char *px;
	int w, h, comp;
	double g[SIDE][SIDE];

	if (!EVP_Digest(buf, (size_t)n, p->sha, NULL, EVP_sha256(), NULL))
		return xj_error_set(err, XJ_EIO, "%s: SHA-256 failed", path);
	/* a small file may claim a huge picture: decoded, it would fill the
	 * memory, so its size is read first */
	if (stbi_info_from_memory(buf, n, &w, &h, &comp) && (long long)w * h > MAX_PIXELS) {
		xj_error_set(err, XJ_EDATA, "a picture of %dx%d pixels: more than a photo has"
			     " (at most %d megapixels)", w, h, MAX_PIXELS / 1000000);
		xj_error_where(err, path, 0, NULL);
		return 1;
	}
	px = stbi_load_from_memory(buf, n, &w, &h, &comp, 1);
	if (!px) {
		xj_error_set(err, XJ_EDATA, "not a picture that can be read (%s)",
			     stbi_failure_reason());
		xj_error_where(err, path, 0, NULL);
		return 1;
	}
	shrink(px, w, h, g);
	stbi_image_free(px);
	p->phash = dct_hash(g);
	p->decoded = 1;
	p->width = w;
	p->height = h;
	return 0;
}

int xj_photohash_print(const char *path, struct xj_photohash_print *p, struct xj_error *err)
{
	struct xj_sb buf = XJ_SB_INIT;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = read_all(path, &buf, err);
	if (rc == 0)   /* MAX_BYTES keeps the length within an int */
		rc = print_bytes(path, (const unsigned char *)buf.buf, (int)buf.len, p, err);
	xj_sb_release(&buf);
	return rc;
}

int xj_photohash_distance(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}
