// External checks of Filmdesk's exports, with the real tools:
// - every standalone HTML page passes the Nu Html Checker (vnu-jar) with zero errors;
// - a real Hugo site built from a batch Markdown export shows each review's title, date and body;
// - so does a real Jekyll site, where Jekyll is installed (Debian's `jekyll`).
// The exports come from `cargo run -p filmdesk-core --example export_samples` (the same code the
// app and `filmdesk export` call).
//
//   npm --prefix tests/export ci && node --test tests/export/

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const vnuJar = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const goldens = path.join(repo, 'src-tauri/core/tests/fixtures/export');
let out;

before(() => {
  if (!existsSync(vnuJar)) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  }
  out = mkdtempSync(path.join(tmpdir(), 'filmdesk-export-'));
  execFileSync('cargo', ['run', '--quiet', '-p', 'filmdesk-core', '--example', 'export_samples', '--', out], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
});

function decodeEntities(s) {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The visible text of some HTML: tags out, entities decoded, whitespace collapsed. */
function textOf(html) {
  return decodeEntities(html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

test('every standalone HTML page passes the Nu Html Checker with zero errors', () => {
  const pages = readdirSync(path.join(out, 'html')).map((f) => path.join(out, 'html', f));
  for (const f of readdirSync(goldens)) {
    if (f.endsWith('.html') && !f.includes('fragment')) pages.push(path.join(goldens, f));
  }
  assert.ok(pages.length >= 13, `expected the sample pages and the goldens, found ${pages.length}`);
  const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...pages], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(run.stderr || '{"messages":[]}');
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.deepEqual(
    errors.map((m) => `${path.basename(m.url ?? '')}:${m.lastLine}: ${m.message}`),
    [],
    'the Nu Html Checker found errors',
  );
  assert.equal(run.status, 0);
  console.log(`vnu: ${pages.length} pages, 0 errors`);
});

test("a Hugo site built from a batch Markdown export shows each review's title, date and body", () => {
  const site = path.join(out, 'site');
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  cpSync(path.join(out, 'hugo/content'), path.join(site, 'content'), { recursive: true });
  writeFileSync(
    path.join(site, 'hugo.toml'),
    'baseURL = "https://reviews.example/"\ntitle = "Filmdesk export check"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
  );
  // A minimal theme: what every real theme shows of a page.
  writeFileSync(
    path.join(site, 'layouts/_default/single.html'),
    '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><article>' +
      '<h1 class="t">{{ .Title }}</h1><time class="d">{{ .Date.Format "2006-01-02" }}</time>' +
      // Hugo 0.123+ reads the `params` front matter key into .Params; older Hugo (Debian's
      // 0.111) keeps it as .Params.params.
      '<p class="film">{{ with .Params.params }}{{ .film.title }}{{ else }}{{ .Params.film.title }}{{ end }}</p><div class="body">{{ .Content }}</div></article></body></html>\n',
  );
  writeFileSync(
    path.join(site, 'layouts/_default/list.html'),
    '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n',
  );
  const build = spawnSync('hugo', ['--source', site, '--destination', path.join(site, 'public')], { encoding: 'utf8' });
  assert.equal(build.status, 0, `hugo failed:\n${build.stdout}\n${build.stderr}`);
  assert.doesNotMatch(build.stderr, /ERROR|WARN/, build.stderr);

  const expected = JSON.parse(readFileSync(path.join(out, 'expected.json'), 'utf8'));
  assert.ok(expected.length >= 7);
  for (const review of expected) {
    const file = path.join(site, 'public/reviews', review.slug, 'index.html');
    assert.ok(existsSync(file), `no page for ${review.slug}`);
    const html = readFileSync(file, 'utf8');
    const title = /<h1 class="t">([\s\S]*?)<\/h1>/.exec(html);
    assert.equal(decodeEntities(title[1]), review.title, review.slug);
    assert.match(html, new RegExp(`<time class="d">${review.date}</time>`), review.slug);
    const film = /<p class="film">([\s\S]*?)<\/p>/.exec(html);
    assert.equal(decodeEntities(film[1]), review.film, `${review.slug}: the film's title from params`);
    const body = textOf(/<div class="body">([\s\S]*)<\/div><\/article>/.exec(html)[1]);
    assert.ok(body.includes(textOf(review.body_html)), `${review.slug}: body lacks ${textOf(review.body_html)}`);
    // Nothing the critic wrote became a script, an event handler or a javascript: link.
    assert.doesNotMatch(html, /<script|<iframe|<svg|<[^>]*\son[a-z]+\s*=|href="\s*javascript:/i, review.slug);
  }
  console.log(`hugo: ${expected.length} reviews built and checked`);
});

/** A command on PATH, or null. */
function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

test("a Jekyll site built from a batch Markdown export shows each review's title, date and body", (t) => {
  if (!which('jekyll')) {
    t.skip('jekyll is not installed (apt-get install jekyll)');
    return;
  }
  const site = path.join(out, 'jekyll-site');
  mkdirSync(path.join(site, '_layouts'), { recursive: true });
  cpSync(path.join(out, 'jekyll/_posts'), path.join(site, '_posts'), { recursive: true });
  writeFileSync(path.join(site, '_config.yml'), 'title: Filmdesk export check\nmarkdown: kramdown\n');
  // What a theme shows of a post (titles escaped, as minima does).
  writeFileSync(
    path.join(site, '_layouts/post.html'),
    '<!DOCTYPE html><html><head><title>{{ page.title | escape }}</title></head><body><article>' +
      '<h1 class="t">{{ page.title | escape }}</h1><time class="d">{{ page.date | date: "%Y-%m-%d" }}</time>' +
      '<p class="film">{{ page.film.title | escape }}</p><div class="body">{{ content }}</div></article></body></html>\n',
  );
  const build = spawnSync('jekyll', ['build', '--safe', '--source', site, '--destination', path.join(site, '_site')], {
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, `jekyll failed:\n${build.stdout}\n${build.stderr}`);

  const expected = JSON.parse(readFileSync(path.join(out, 'expected.json'), 'utf8'));
  for (const review of expected) {
    const file = path.join(site, '_site', ...review.date.split('-'), `${review.slug}.html`);
    assert.ok(existsSync(file), `no page for ${review.slug} at ${file}`);
    const html = readFileSync(file, 'utf8');
    assert.equal(decodeEntities(/<h1 class="t">([\s\S]*?)<\/h1>/.exec(html)[1]), review.title, review.slug);
    assert.match(html, new RegExp(`<time class="d">${review.date}</time>`), review.slug);
    assert.equal(decodeEntities(/<p class="film">([\s\S]*?)<\/p>/.exec(html)[1]), review.film, review.slug);
    const body = textOf(/<div class="body">([\s\S]*)<\/div><\/article>/.exec(html)[1]);
    assert.ok(body.includes(textOf(review.body_html)), `${review.slug}: body lacks ${textOf(review.body_html)}`);
    assert.doesNotMatch(html, /<script|<iframe|<svg|<[^>]*\son[a-z]+\s*=|href="\s*javascript:/i, review.slug);
  }
  console.log(`jekyll: ${expected.length} reviews built and checked`);
});
