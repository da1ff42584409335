"""``wordfreq [N] < text`` (the console script) or ``python -m wordfreq``: the N most common words."""
import sys

from . import top_words


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 10
    for word, count in top_words(sys.stdin.read(), n):
        print("%7d %s" % (count, word))
    return 0


if __name__ == "__main__":
    sys.exit(main())
