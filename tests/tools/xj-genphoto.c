/* xj-genphoto: a deterministic generator of synthetic ID-style photos for
 * the tests of xj-verify photos --dup.
 *
 * A picture is a light background with a dozen soft coloured blobs placed
 * by our own splitmix64 generator seeded by SEED.  Positions and sizes are
 * fractions of the frame, so the same seed at another size or JPEG quality
 * is the same picture re-encoded: what a near-duplicate looks like.  The
 * format follows the file's extension: .jpg/.jpeg or .png. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image_write.h>

#define NBLOBS 12

static const char usage_text[] =
"usage: xj-genphoto SEED WIDTH HEIGHT QUALITY OUT.jpg|OUT.png\n";

struct blob {
	double x, y, r, c[3];
};

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
	return (double)(next(s) >> 11) / 9007199254740992.0;
}

static void make_blobs(uint64_t seed, struct blob *b)
{
	int i, k;

	for (i = 0; i < NBLOBS; i++) {
		b[i].x = unit(&seed);
		b[i].y = unit(&seed);
		b[i].r = 0.08 + 0.25 * unit(&seed);
		for (k = 0; k < 3; k++)
			b[i].c[k] = 255.0 * unit(&seed) - 128.0;
	}
}

static void paint(const struct blob *b, int w, int h, unsigned char *px)
{
	int x, y, i, k;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			double v[3] = { 235, 235, 240 };
			double fx = (x + 0.5) / w, fy = (y + 0.5) / h;

			for (i = 0; i < NBLOBS; i++) {
				double dx = fx - b[i].x, dy = fy - b[i].y;
				double g = exp(-(dx * dx + dy * dy) / (b[i].r * b[i].r));

				for (k = 0; k < 3; k++)
					v[k] += g * b[i].c[k];
			}
			for (k = 0; k < 3; k++)
				px[3 * ((size_t)y * w + x) + k] =
					(unsigned char)(v[k] < 0 ? 0 : v[k] > 255 ? 255 : v[k]);
		}
}

int main(int argc, char **argv)
{
	struct blob b[NBLOBS];
	unsigned char *px;
	const char *out, *dot;
	int w, h, q, ok;

	if (argc != 6) {
		fputs(usage_text, stderr);
		return 2;
	}
	w = atoi(argv[2]);
	h = atoi(argv[3]);
	q = atoi(argv[4]);
	out = argv[5];
	dot = strrchr(out, '.');
	if (w < 1 || h < 1 || w > 8000 || h > 8000 || q < 1 || q > 100 || !dot) {
		fputs(usage_text, stderr);
		return 2;
	}
	px = malloc((size_t)w * h * 3);
	if (!px)
		return 3;
	make_blobs(strtoull(argv[1], NULL, 10), b);
	paint(b, w, h, px);
	if (strcmp(dot, ".png") == 0)
		ok = stbi_write_png(out, w, h, 3, px, w * 3);
	else
		ok = stbi_write_jpg(out, w, h, 3, px, q);
	free(px);
	if (!ok) {
		fprintf(stderr, "xj-genphoto: cannot write %s\n", out);
		return 3;
	}
	return 0;
}
