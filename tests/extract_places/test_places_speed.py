"""The finders stay linear: a 10 KB document takes milliseconds once the gazetteers are built."""
import time

from counterwatch.extract.places import find_countries, find_places

#: Generous per-document bound for a 10 KB text: measured ~1.5 ms (English) on a 2-core machine;
#: a per-name loop over the ~40,000 gazetteer keys would take hundreds of milliseconds.
MAX_MS_PER_10KB = 25.0


def test_ten_kilobytes_in_milliseconds():
    english = ("Police in Nairobi bought cameras from a Chinese firm; officials in Xinjiang and "
               "Guizhou expanded checkpoints while Kenyan and Ugandan buyers compared offers. ") * 60
    chinese = "辽宁省营口市公安局视频监控项目成交公告，供应商位于浙江省杭州市滨江区。" * 120
    for text in (english[:10_000], chinese[:3_400]):  # ~10 KB each in UTF-8
        find_countries(text), find_places(text)  # build the gazetteers first
        start = time.perf_counter()
        for _ in range(5):
            find_countries(text)
            find_places(text)
        assert (time.perf_counter() - start) / 5 * 1000 < MAX_MS_PER_10KB
