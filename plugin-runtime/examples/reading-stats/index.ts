// Reading statistics: words, sentences, paragraphs, characters and reading time of the whole document.
import { documentText, result } from "../lib/weft";
export { alloc } from "../lib/weft";

// Adult silent reading of prose, in words per minute (Brysbaert 2019).
const WORDS_PER_MINUTE: f64 = 238;

function isSpace(c: i32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0xa0;
}

function isSentenceEnd(c: i32): bool {
  return c == 0x2e || c == 0x21 || c == 0x3f || c == 0x2026;
}

export function run(inputPtr: usize, inputLen: i32): u64 {
  const text = documentText();
  let words = 0;
  let sentences = 0;
  let paragraphs = 0;
  let letters = 0;
  let inWord = false;
  let sentenceHasWords = false;
  let paragraphHasWords = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 0x0a) {
      if (paragraphHasWords) paragraphs++;
      if (sentenceHasWords) sentences++;
      paragraphHasWords = false;
      sentenceHasWords = false;
      inWord = false;
    } else if (isSpace(c)) {
      inWord = false;
    } else if (isSentenceEnd(c)) {
      if (sentenceHasWords) sentences++;
      sentenceHasWords = false;
      inWord = false;
    } else {
      letters++;
      if (!inWord) {
        words++;
        inWord = true;
        sentenceHasWords = true;
        paragraphHasWords = true;
      }
    }
  }
  if (sentenceHasWords) sentences++;
  if (paragraphHasWords) paragraphs++;
  const seconds = <i32>Math.round(<f64>words / WORDS_PER_MINUTE * 60);
  const perSentence = sentences == 0 ? 0.0 : Math.round(<f64>words / <f64>sentences * 10) / 10;
  return result(
    "{\"text\":\"" + words.toString() + " words, " + sentences.toString() + " sentences, " + paragraphs.toString() +
      " paragraphs; about " + (seconds < 60 ? seconds.toString() + " s" : (<i32>Math.round(<f64>seconds / 60)).toString() + " min") +
      " to read\",\"stats\":{\"words\":" + words.toString() + ",\"sentences\":" + sentences.toString() +
      ",\"paragraphs\":" + paragraphs.toString() + ",\"characters\":" + text.length.toString() +
      ",\"letters\":" + letters.toString() + ",\"wordsPerSentence\":" + perSentence.toString() +
      ",\"readingSeconds\":" + seconds.toString() + "}}"
  );
}
