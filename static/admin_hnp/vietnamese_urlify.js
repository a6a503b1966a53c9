/* Make the admin's slug prefill right for Vietnamese titles.
 *
 * Django's URLify (admin/js/urlify.js) only knows some Latin-1 letters, so "Đảng bộ" would
 * become "djng-b". Before handing the text to it, remove the diacritics the way Python's
 * slugify does (NFKD, then drop combining marks) and map đ/Đ to d, as articles/text.py does.
 * The server keeps the last word: an empty slug is made by Article.save().
 */
"use strict";
{
    const djangoURLify = window.URLify;
    if (typeof djangoURLify === "function") {
        window.URLify = function (s, numChars, allowUnicode) {
            const plain = String(s)
                .replace(/đ/g, "d")
                .replace(/Đ/g, "D")
                .normalize("NFKD")
                .replace(/[\u0300-\u036f]/g, "");
            return djangoURLify(plain, numChars, allowUnicode);
        };
    }
}
