<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>BulkPanel</name>
    <message>
        <source>24 hours</source>
        <translation>24 saat</translation>
    </message>
    <message>
        <source>48 hours</source>
        <translation>48 saat</translation>
    </message>
    <message>
        <source>72 hours</source>
        <translation>72 saat</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 gün</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Çalışıyor</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Bitti</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Toplu iş</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Bekliyor</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Yeni</translation>
    </message>
    <message>
        <source>live</source>
        <translation>canlı</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>toplu iş</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Sonuçları dışa aktar</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Satırları</translation>
    </message>
    <message>
        <source>Delete bulk job</source>
        <translation>Toplu işi sil</translation>
    </message>
    <message>
        <source>Delete “{name}” and its results?</source>
        <translation>“{name}” ve sonuçları silinsin mi?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>unknown (no price)</source>
        <translation>bilinmiyor (fiyat yok)</translation>
    </message>
    <message>
        <source>${amount}</source>
        <translation>${amount}</translation>
    </message>
    <message>
        <source>How long Groq may take (24 hours to 7 days)</source>
        <translation>Groq’un ne kadar sürebileceği (24 saat ile 7 gün arası)</translation>
    </message>
    <message>
        <source>Completion window</source>
        <translation>Tamamlanma süresi</translation>
    </message>
    <message>
        <source>Dry run (3 rows)</source>
        <translation>Deneme (3 satır)</translation>
    </message>
    <message>
        <source>Send the first three rows now and show the replies</source>
        <translation>İlk üç satırı hemen gönder ve yanıtları göster</translation>
    </message>
    <message>
        <source>Run live</source>
        <translation>Canlı çalıştır</translation>
    </message>
    <message>
        <source>Send as batch (½ price)</source>
        <translation>Toplu iş olarak gönder (½ fiyat)</translation>
    </message>
    <message>
        <source>Before sending</source>
        <translation>Göndermeden önce</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>İş</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>İlerleme</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Başarısızları yeniden dene</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Dışa aktar</translation>
    </message>
    <message>
        <source>Markdown…</source>
        <translation>Markdown…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Sil…</translation>
    </message>
    <message>
        <source>Delete this job and its results (asks first)</source>
        <translation>Bu işi ve sonuçlarını sil (önce sorar)</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>Yalnızca başarısızlar</translation>
    </message>
    <message>
        <source>Search inputs and outputs</source>
        <translation>Girdilerde ve çıktılarda ara</translation>
    </message>
    <message>
        <source>J&amp;ob</source>
        <translation>&amp;İş</translation>
    </message>
    <message>
        <source>Batches are not available on your plan: see the note above</source>
        <translation>Toplu işler planınızda kullanılamıyor: yukarıdaki nota bakın</translation>
    </message>
    <message>
        <source>Half the live price; Groq finishes within the window you choose</source>
        <translation>Canlı fiyatın yarısı; Groq seçtiğiniz süre içinde bitirir</translation>
    </message>
    <message>
        <source>{reason} &lt;a href='live'&gt;Run it live&lt;/a&gt;.</source>
        <translation>{reason} &lt;a href='live'&gt;Canlı çalıştırın&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count}&lt;/b&gt; audio inputs. Batch: Groq fetches the audio by URL within {window} at half price; live: the files join the transcription queue.</source>
        <translation>&lt;b&gt;{count}&lt;/b&gt; ses girdisi. Toplu iş: Groq sesi URL’den {window} içinde yarı fiyatına alır; canlı: dosyalar yazıya dökme kuyruğuna girer.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{requests}&lt;/b&gt; requests · about {input} input and {output} output tokens&lt;br&gt;Cost: live {live_cost} · batch {batch_cost} (50 %)&lt;br&gt;Live: {duration} at your {plan}-plan {limiting} · Batch: within {window}, no live quota used</source>
        <translation>&lt;b&gt;{requests}&lt;/b&gt; istek · yaklaşık {input} girdi ve {output} çıktı token’ı&lt;br&gt;Maliyet: canlı {live_cost} · toplu iş {batch_cost} (yarı fiyat)&lt;br&gt;Canlı: {plan} planınızın {limiting} sınırıyla {duration} · Toplu iş: {window} içinde, canlı kota kullanılmaz</translation>
    </message>
    <message>
        <source>Running the first rows…</source>
        <translation>İlk satırlar çalıştırılıyor…</translation>
    </message>
    <message>
        <source>Links can only go to Groq as a batch; the live queue needs the files.</source>
        <translation>Bağlantılar Groq’a yalnızca toplu iş olarak gidebilir; canlı kuyruk dosyaların kendisini ister.</translation>
    </message>
    <message>
        <source>Added to the transcription queue (Transcribe panel): {count} files.</source>
        <translation>Yazıya dökme kuyruğuna eklendi (Yazıya dök paneli): {count} dosya.</translation>
    </message>
    <message>
        <source>Set an S3 bucket in settings to send audio files as a batch; otherwise run them live through the transcription queue.</source>
        <translation>Ses dosyalarını toplu iş olarak göndermek için ayarlarda bir S3 bucket belirleyin; yoksa onları yazıya dökme kuyruğunda canlı çalıştırın.</translation>
    </message>
    <message>
        <source>{rows} rows, {done} with results.</source>
        <translation>{rows} satır, {done} tanesinin sonucu var.</translation>
    </message>
    <message>
        <source>It is still running: it stops, and open batches at Groq are cancelled.</source>
        <translation>İş hâlâ çalışıyor: durdurulur ve Groq’taki açık toplu işler iptal edilir.</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>“{name}” silindi.</translation>
    </message>
    <message>
        <source>Rows sent again: {count}</source>
        <translation>Yeniden gönderilen satır: {count}</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation>{count} satır {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <source>No jobs yet.</source>
        <translation>Henüz iş yok.</translation>
    </message>
    <message>
        <source>{count} done</source>
        <translation>{count} bitti</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} başarısız</translation>
    </message>
    <message>
        <source>{count} not run</source>
        <translation>{count} çalıştırılmadı</translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation>{count} bekliyor</translation>
    </message>
    <message>
        <source>ETA {duration}</source>
        <translation>Kalan süre {duration}</translation>
    </message>
    <message>
        <source>{state}: {details}</source>
        <translation>{state}: {details}</translation>
    </message>
    <message>
        <source>Batch {id}: &lt;b&gt;{status}&lt;/b&gt; {completed}/{total} ({failed} failed) · created {created} · expires {expires}</source>
        <translation>Toplu iş {id}: &lt;b&gt;{status}&lt;/b&gt; {completed}/{total} ({failed} başarısız) · oluşturma {created} · bitiş {expires}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Sürdür</translation>
    </message>
</context>
<context>
    <name>BulkResultsModel</name>
    <message>
        <source>Input</source>
        <translation>Girdi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Maliyet</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>İstek kimliği</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Çıktı</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>bekliyor</translation>
    </message>
    <message>
        <source>running</source>
        <translation>çalışıyor</translation>
    </message>
    <message>
        <source>batched</source>
        <translation>toplu işte</translation>
    </message>
    <message>
        <source>done</source>
        <translation>bitti</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>başarısız</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>süresi doldu</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>iptal edildi</translation>
    </message>
    <message>
        <source>${amount}</source>
        <translation>${amount}</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>≈ ${amount}</source>
        <translation>≈ ${amount}</translation>
    </message>
    <message>
        <source> (+{count} requests without a known price)</source>
        <translation> (+ fiyatı bilinmeyen {count} istek)</translation>
    </message>
</context>
<context>
    <name>ErrorListModel</name>
    <message>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Hata</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>İstek kimliği</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>yanıt yok</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>No requests in the last hour</source>
        <translation>Son bir saatte istek yok</translation>
    </message>
    <message>
        <source>No finished requests in the last hour</source>
        <translation>Son bir saatte biten istek yok</translation>
    </message>
    <message>
        <source>{failed} of {total} requests failed in the last hour ({percent}%)</source>
        <translation>Son bir saatte {total} isteğin {failed} tanesi başarısız oldu (%{percent})</translation>
    </message>
    <message>
        <source>; {count} stopped</source>
        <translation>; {count} tanesi durduruldu</translation>
    </message>
    <message>
        <source>no successful requests in the last hour</source>
        <translation>son bir saatte başarılı istek yok</translation>
    </message>
    <message>
        <source>{count} in the last hour: median {median} ms, 90% under {p90} ms</source>
        <translation>son bir saatte {count}: ortanca {median} ms, yüzde 90’ı {p90} ms altında</translation>
    </message>
    <message>
        <source>; first token after {ms} ms (median)</source>
        <translation>; ilk token {ms} ms sonra (ortanca)</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>denetlenmedi</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Şimdi denetle</translation>
    </message>
    <message>
        <source>Ask Groq for the model list and time it</source>
        <translation>Groq’tan model listesini iste ve süresini ölç</translation>
    </message>
    <message>
        <source>API reachable:</source>
        <translation>API erişilebilir:</translation>
    </message>
    <message>
        <source>Key valid:</source>
        <translation>Anahtar geçerli:</translation>
    </message>
    <message>
        <source>Latency (check):</source>
        <translation>Gecikme (denetim):</translation>
    </message>
    <message>
        <source>Recent requests:</source>
        <translation>Son istekler:</translation>
    </message>
    <message>
        <source>Models listed:</source>
        <translation>Listelenen modeller:</translation>
    </message>
    <message>
        <source>Closed by 429:</source>
        <translation>429 ile kapanan:</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>Hatalar:</translation>
    </message>
    <message>
        <source>Errors of the last hour:</source>
        <translation>Son bir saatin hataları:</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>denetleniyor…</translation>
    </message>
    <message>
        <source>check failed: {reason}</source>
        <translation>denetim başarısız: {reason}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>yanıt yok</translation>
    </message>
    <message>
        <source>no — {problem}</source>
        <translation>hayır — {problem}</translation>
    </message>
    <message>
        <source>unknown (not reachable)</source>
        <translation>bilinmiyor (erişilemiyor)</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
</context>
<context>
    <name>JobDefinition</name>
    <message>
        <source>CSV or JSONL file</source>
        <translation>CSV veya JSONL dosyası</translation>
    </message>
    <message>
        <source>Folder of text, Markdown and PDF files</source>
        <translation>Metin, Markdown ve PDF dosyaları klasörü</translation>
    </message>
    <message>
        <source>Finished transcripts</source>
        <translation>Biten dökümler</translation>
    </message>
    <message>
        <source>Audio links (one URL a line)</source>
        <translation>Ses bağlantıları (her satıra bir URL)</translation>
    </message>
    <message>
        <source>Audio files</source>
        <translation>Ses dosyaları</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Girdiler</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.jsonl *.json);;All files (*)</source>
        <translation>Tablolar (*.csv *.tsv *.jsonl *.json);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Folder of documents</source>
        <translation>Belge klasörü</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.m4a *.wav *.flac *.ogg *.webm)</source>
        <translation>Ses (*.mp3 *.m4a *.wav *.flac *.ogg *.webm)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Seç…</translation>
    </message>
    <message>
        <source>No inputs yet</source>
        <translation>Henüz girdi yok</translation>
    </message>
    <message>
        <source>Which column is {{text}}; every column is also a placeholder by its own name</source>
        <translation>Hangi sütun {{text}} olur; her sütun kendi adıyla da bir yer tutucudur</translation>
    </message>
    <message>
        <source>Audio links</source>
        <translation>Ses bağlantıları</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Max &amp;tokens</source>
        <translation>En fazla &amp;token</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation>&amp;Sıcaklık</translation>
    </message>
    <message>
        <source>System prompt (optional); placeholders work here too</source>
        <translation>Sistem istemi (isteğe bağlı); yer tutucular burada da çalışır</translation>
    </message>
    <message>
        <source>{{text}}, {{file_name}} and any column of the inputs</source>
        <translation>{{text}}, {{file_name}} ve girdilerin her sütunu</translation>
    </message>
    <message>
        <source>JSON schema for the reply (optional): {"type": "object", "properties": …} — its fields become columns</source>
        <translation>Yanıt için JSON şeması (isteğe bağlı): {"type": "object", "properties": …} — alanları sütun olur</translation>
    </message>
    <message>
        <source>&amp;Inputs</source>
        <translation>&amp;Girdiler</translation>
    </message>
    <message>
        <source>{{text}} is</source>
        <translation>{{text}} sütunu</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Önizleme</translation>
    </message>
    <message>
        <source>&amp;Links</source>
        <translation>&amp;Bağlantılar</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>Si&amp;stem</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>İs&amp;tem</translation>
    </message>
    <message>
        <source>&amp;JSON output</source>
        <translation>&amp;JSON çıktısı</translation>
    </message>
    <message>
        <source>Add audio links or files.</source>
        <translation>Ses bağlantıları veya dosyaları ekleyin.</translation>
    </message>
    <message>
        <source>Reading the inputs…</source>
        <translation>Girdiler okunuyor…</translation>
    </message>
    <message>
        <source>Choose the inputs.</source>
        <translation>Girdileri seçin.</translation>
    </message>
    <message>
        <source>No input field for {placeholder}.</source>
        <translation>{placeholder} için girdi alanı yok.</translation>
    </message>
    <message>
        <source>The JSON schema is not valid JSON.</source>
        <translation>JSON şeması geçerli bir JSON değil.</translation>
    </message>
    <message>
        <source>{source}: {count}</source>
        <translation>{source}: {count}</translation>
    </message>
    <message>
        <source>Select finished jobs in Transcribe, then “Run a prompt over these”.</source>
        <translation>Yazıya dök panelinde biten işleri seçin, sonra “Bunlar üzerinde istem çalıştır”.</translation>
    </message>
    <message>
        <source>Groq fetches each link itself (batch only).</source>
        <translation>Groq her bağlantıyı kendisi alır (yalnızca toplu iş).</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} okunuyor…</translation>
    </message>
    <message>
        <source>Could not read {file}: {error}</source>
        <translation>{file} okunamadı: {error}</translation>
    </message>
    <message>
        <source>{file}: {count} rows, columns {columns}</source>
        <translation>{file}: {count} satır, sütunlar: {columns}</translation>
    </message>
    <message>
        <source>{folder}: {count} text, Markdown and PDF files</source>
        <translation>{folder}: {count} metin, Markdown ve PDF dosyası</translation>
    </message>
    <message>
        <source>Finished transcripts ({count}): {names}</source>
        <translation>Biten dökümler ({count}): {names}</translation>
    </message>
    <message>
        <source>Links: {count}; Groq fetches each one itself (batch only).</source>
        <translation>Bağlantı: {count}; Groq her birini kendisi alır (yalnızca toplu iş).</translation>
    </message>
    <message>
        <source>Audio files: {count}</source>
        <translation>Ses dosyası: {count}</translation>
    </message>
    <message>
        <source>Placeholders: {names}</source>
        <translation>Yer tutucular: {names}</translation>
    </message>
</context>
<context>
    <name>LimitsEditor</name>
    <message>
        <source>requests</source>
        <translation>istek</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>input tokens</source>
        <translation>girdi token’ı</translation>
    </message>
    <message>
        <source>output tokens</source>
        <translation>çıktı token’ı</translation>
    </message>
    <message>
        <source>audio seconds</source>
        <translation>ses saniyesi</translation>
    </message>
    <message>
        <source>Limits of {model}</source>
        <translation>{model} sınırları</translation>
    </message>
    <message>
        <source>Limits of &lt;b&gt;{model}&lt;/b&gt; on the &lt;b&gt;{plan}&lt;/b&gt; plan. 0 means not limited. They apply at once and are saved to your limits file; response headers still correct them.</source>
        <translation>&lt;b&gt;{plan}&lt;/b&gt; planında &lt;b&gt;{model}&lt;/b&gt; sınırları. 0 sınırsız demektir. Hemen uygulanır ve sınırlar dosyanıza kaydedilir; yanıt başlıkları onları yine de düzeltir.</translation>
    </message>
    <message>
        <source>not limited</source>
        <translation>sınırsız</translation>
    </message>
    <message>
        <source>{code} ({label}):</source>
        <translation>{code} ({label}):</translation>
    </message>
    <message>
        <source>Published values</source>
        <translation>Yayımlanan değerler</translation>
    </message>
    <message>
        <source>Fill in the limits Groq publishes for this plan (not yet saved)</source>
        <translation>Groq’un bu plan için yayımladığı sınırları doldur (henüz kaydedilmez)</translation>
    </message>
    <message>
        <source>Could not save the limits file: {reason}</source>
        <translation>Sınırlar dosyası kaydedilemedi: {reason}</translation>
    </message>
</context>
<context>
    <name>Metric</name>
    <message>
        <source>Requests</source>
        <translation>İstekler</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Audio seconds</source>
        <translation>Ses saniyesi</translation>
    </message>
    <message>
        <source>Characters read aloud</source>
        <translation>Sesli okunan karakter</translation>
    </message>
</context>
<context>
    <name>ModelTableModel</name>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Sahibi</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Bağlam</translation>
    </message>
    <message>
        <source>Max output</source>
        <translation>En fazla çıktı</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation>Dakikada</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>Saatte</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Günde</translation>
    </message>
    <message>
        <source>What your plan allows per minute; hover a cell for each figure and its source</source>
        <translation>Planınızın dakikada izin verdiği; her değer ve kaynağı için bir hücrenin üzerine gelin</translation>
    </message>
    <message>
        <source>What your plan allows per hour; hover a cell for each figure and its source</source>
        <translation>Planınızın saatte izin verdiği; her değer ve kaynağı için bir hücrenin üzerine gelin</translation>
    </message>
    <message>
        <source>What your plan allows per day; hover a cell for each figure and its source</source>
        <translation>Planınızın günde izin verdiği; her değer ve kaynağı için bir hücrenin üzerine gelin</translation>
    </message>
    <message>
        <source>req</source>
        <translation>istek</translation>
    </message>
    <message>
        <source>tok</source>
        <translation>token</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>ses</translation>
    </message>
    <message>
        <source>published table</source>
        <translation>yayımlanan tablo</translation>
    </message>
    <message>
        <source>requests per minute</source>
        <translation>dakikada istek</translation>
    </message>
    <message>
        <source>requests per day</source>
        <translation>günde istek</translation>
    </message>
    <message>
        <source>tokens per minute</source>
        <translation>dakikada token</translation>
    </message>
    <message>
        <source>tokens per day</source>
        <translation>günde token</translation>
    </message>
    <message>
        <source>audio seconds per hour</source>
        <translation>saatte ses saniyesi</translation>
    </message>
    <message>
        <source>audio seconds per day</source>
        <translation>günde ses saniyesi</translation>
    </message>
    <message>
        <source>input tokens per minute</source>
        <translation>dakikada girdi token’ı</translation>
    </message>
    <message>
        <source>output tokens per minute</source>
        <translation>dakikada çıktı token’ı</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>sohbet</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>akıl yürütme</translation>
    </message>
    <message>
        <source>tool use</source>
        <translation>araç kullanımı</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>görme</translation>
    </message>
    <message>
        <source>browser search</source>
        <translation>tarayıcıda arama</translation>
    </message>
    <message>
        <source>code execution</source>
        <translation>kod çalıştırma</translation>
    </message>
    <message>
        <source>code interpreter</source>
        <translation>kod yorumlayıcı</translation>
    </message>
    <message>
        <source>JSON mode</source>
        <translation>JSON modu</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>JSON nesnesi</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON şeması</translation>
    </message>
    <message>
        <source>prompt caching</source>
        <translation>istem önbelleği</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>araçlar</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>konuşma</translation>
    </message>
    <message>
        <source>transcription</source>
        <translation>yazıya dökme</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>çeviri</translation>
    </message>
    <message>
        <source>guard</source>
        <translation>koruma</translation>
    </message>
    <message>
        <source>vocal directions</source>
        <translation>ses yönergeleri</translation>
    </message>
    <message>
        <source>{figure}M</source>
        <comment>millions, compact</comment>
        <translation>{figure} Mn</translation>
    </message>
    <message>
        <source>{figure}K</source>
        <comment>thousands, compact</comment>
        <translation>{figure} B</translation>
    </message>
    <message>
        <source>{figure} h</source>
        <translation>{figure} sa</translation>
    </message>
    <message>
        <source>{figure} min</source>
        <translation>{figure} dk</translation>
    </message>
    <message>
        <source>{figure} s</source>
        <translation>{figure} sn</translation>
    </message>
    <message>
        <source>{figure} {unit}</source>
        <comment>a limit: 30 req</comment>
        <translation>{figure} {unit}</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>kullanımdan kalktı</translation>
    </message>
    <message>
        <source>active</source>
        <translation>etkin</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>etkin değil</translation>
    </message>
    <message>
        <source>Speech models take audio files (longer ones are split into chunks); their {tokens}-token window only bounds the prompt, and a transcript is as long as the audio.</source>
        <translation>Konuşma modelleri ses dosyası alır (uzun olanlar parçalara bölünür); {tokens} token’lık pencere yalnızca istemi sınırlar, döküm ise ses kadar uzundur.</translation>
    </message>
    <message>
        <source>{model} is retired: Groq no longer lists it.</source>
        <translation>{model} kullanımdan kalktı: Groq artık listelemiyor.</translation>
    </message>
    <message>
        <source>{model} is inactive</source>
        <translation>{model} etkin değil</translation>
    </message>
    <message>
        <source>{duration} ({seconds} s)</source>
        <translation>{duration} ({seconds} sn)</translation>
    </message>
    <message>
        <source>{label} ({code}): {figure} — {source}</source>
        <translation>{label} ({code}): {figure} — {source}</translation>
    </message>
    <message>
        <source>audio file</source>
        <translation>ses dosyası</translation>
    </message>
    <message>
        <source>audio ≤ {size} MB</source>
        <translation>ses ≤ {size} MB</translation>
    </message>
    <message>
        <source>audio length</source>
        <translation>ses süresi kadar</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <source>Never refreshed</source>
        <translation>Hiç yenilenmedi</translation>
    </message>
    <message>
        <source>Last refreshed just now</source>
        <translation>Az önce yenilendi</translation>
    </message>
    <message>
        <source>Last refreshed {age} ago</source>
        <translation>{age} önce yenilendi</translation>
    </message>
    <message>
        <source>Search models (Ctrl+F)</source>
        <translation>Modellerde ara (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>Modellerde ara</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tüm kategoriler</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Any context</source>
        <translation>Tüm bağlamlar</translation>
    </message>
    <message>
        <source>≥ {size}K context</source>
        <translation>≥ {size} B bağlam</translation>
    </message>
    <message>
        <source>Minimum context</source>
        <translation>En az bağlam</translation>
    </message>
    <message>
        <source>Show only models that list this capability</source>
        <translation>Yalnızca bu yeteneği listeleyen modelleri göster</translation>
    </message>
    <message>
        <source>Your Groq plan: which published limits apply</source>
        <translation>Groq planınız: hangi yayımlanan sınırların geçerli olduğu</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Fetch the model list from Groq again (F5)</source>
        <translation>Model listesini Groq’tan yeniden al (F5)</translation>
    </message>
    <message>
        <source>No models match the search and filters. &lt;a href='clear'&gt;Show all models&lt;/a&gt;</source>
        <translation>Aramaya ve filtrelere uyan model yok. &lt;a href='clear'&gt;Tüm modelleri göster&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>Bu modelle sohbet et</translation>
    </message>
    <message>
        <source>Use for transcription</source>
        <translation>Yazıya dökmede kullan</translation>
    </message>
    <message>
        <source>Edit limits…</source>
        <translation>Sınırları düzenle…</translation>
    </message>
    <message>
        <source>Change this model's limits for your plan</source>
        <translation>Bu modelin planınızdaki sınırlarını değiştirin</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>&amp;Plan:</translation>
    </message>
    <message>
        <source>Any capability</source>
        <translation>Tüm yetenekler</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Yenileniyor…</translation>
    </message>
    <message>
        <source>Could not refresh the model list: {reason}</source>
        <translation>Model listesi yenilenemedi: {reason}</translation>
    </message>
    <message>
        <source>Showing the last list that was fetched.</source>
        <translation>En son alınan liste gösteriliyor.</translation>
    </message>
    <message>
        <source>Select a model.</source>
        <translation>Bir model seçin.</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} token</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Sahibi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategoriler</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>Bağlam penceresi</translation>
    </message>
    <message>
        <source>Max output</source>
        <translation>En fazla çıktı</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Girdi</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Çıktı</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Yetenekler</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Oluşturulma</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Çeviri</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(kullanımdan kalktı)</translation>
    </message>
    <message>
        <source>{left} of {limit} left</source>
        <translation>{limit} içinden {left} kaldı</translation>
    </message>
    <message>
        <source>closed {wait}</source>
        <translation>{wait} kapalı</translation>
    </message>
    <message>
        <source>full in {wait}</source>
        <translation>{wait} içinde dolar</translation>
    </message>
    <message>
        <source>{limit} (all left)</source>
        <translation>{limit} (tamamı duruyor)</translation>
    </message>
    <message>
        <source>no limit known</source>
        <translation>bilinen sınır yok</translation>
    </message>
    <message>
        <source>Limits ({plan} plan)</source>
        <translation>Sınırlar ({plan} planı)</translation>
    </message>
    <message>
        <source>Limits ({plan} plan) — not used yet</source>
        <translation>Sınırlar ({plan} planı) — henüz kullanılmadı</translation>
    </message>
</context>
<context>
    <name>MonitorPanel</name>
    <message>
        <source>Queue: {queued} queued, {waiting} waiting for quota, {running} running · {done} done, {failed} failed, {cancelled} cancelled</source>
        <translation>Kuyruk: {queued} sırada, {waiting} kota bekliyor, {running} çalışıyor · {done} bitti, {failed} başarısız, {cancelled} iptal edildi</translation>
    </message>
    <message>
        <source> · wait mean {mean}, max {max}</source>
        <translation> · bekleme ortalama {mean}, en çok {max}</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>Henüz istek yok</translation>
    </message>
    <message>
        <source>Once a model is used, a meter here shows what is left of each of its limits (requests, tokens, audio seconds; per minute and per day) and when it refills; the queue below lists requests waiting for quota and what each waits for; Usage charts tokens, requests and cost over time, and Health the errors and response times.</source>
        <translation>Bir model kullanıldığında burada bir gösterge her sınırından ne kaldığını (istek, token, ses saniyesi; dakikada ve günde) ve ne zaman dolacağını gösterir; alttaki kuyruk kota bekleyen istekleri ve her birinin neyi beklediğini listeler; Kullanım sekmesi token, istek ve maliyeti zamana göre çizer, Sağlık ise hataları ve yanıt sürelerini gösterir.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Cancel the selected requests ({key})</source>
        <translation>Seçili istekleri iptal et ({key})</translation>
    </message>
    <message>
        <source>Raise priority</source>
        <translation>Önceliği yükselt</translation>
    </message>
    <message>
        <source>Raise the priority of the selected requests ({key})</source>
        <translation>Seçili isteklerin önceliğini yükselt ({key})</translation>
    </message>
    <message>
        <source>Lower priority</source>
        <translation>Önceliği düşür</translation>
    </message>
    <message>
        <source>Lower the priority of the selected requests ({key})</source>
        <translation>Seçili isteklerin önceliğini düşür ({key})</translation>
    </message>
    <message>
        <source>Show finished</source>
        <translation>Bitenleri göster</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Kullanım</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Sağlık</translation>
    </message>
    <message>
        <source>Quota left</source>
        <translation>Kalan kota</translation>
    </message>
    <message>
        <source>What is left of each limit; hover a row for where each figure comes from</source>
        <translation>Her sınırdan ne kaldığı; her değerin nereden geldiği için bir satırın üzerine gelin</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
</context>
<context>
    <name>PriceEditor</name>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>$ / M input tokens</source>
        <translation>$ / M girdi token’ı</translation>
    </message>
    <message>
        <source>$ / M output tokens</source>
        <translation>$ / M çıktı token’ı</translation>
    </message>
    <message>
        <source>$ / audio hour</source>
        <translation>$ / ses saati</translation>
    </message>
    <message>
        <source>$ / M characters (speech)</source>
        <translation>$ / M karakter (konuşma)</translation>
    </message>
    <message>
        <source>Estimated prices</source>
        <translation>Tahmini fiyatlar</translation>
    </message>
    <message>
        <source>{column} of {model}</source>
        <translation>{model} için {column}</translation>
    </message>
    <message>
        <source>Estimates only: Groq's bill is the truth. Saved to {path}</source>
        <translation>Yalnızca tahmindir: doğrusu Groq’un faturasıdır. Kayıt yeri: {path}</translation>
    </message>
</context>
<context>
    <name>PriceTable</name>
    <message>
        <source>ESTIMATES from the shipped model catalogue (as of {date}); Groq's bill is the truth. Cached prompt tokens at half the input price. Editable: a prices.json in the app's data folder is merged on top.</source>
        <translation>Uygulamayla gelen model kataloğundan TAHMİNLER ({date} itibarıyla); doğrusu Groq’un faturasıdır. Önbellekteki istem token’ları girdi fiyatının yarısıdır. Düzenlenebilir: uygulamanın veri klasöründeki prices.json üstüne eklenir.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Priority</source>
        <translation>Öncelik</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiket</translation>
    </message>
    <message>
        <source>Est. cost</source>
        <translation>Tahmini maliyet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Waits for</source>
        <translation>Beklediği</translation>
    </message>
    <message>
        <source>Ready in</source>
        <translation>Hazır olana dek</translation>
    </message>
    <message>
        <source>Queued for</source>
        <translation>Kuyrukta geçen</translation>
    </message>
    <message>
        <source>interactive</source>
        <translation>etkileşimli</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>background</source>
        <translation>arka plan</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>sohbet</translation>
    </message>
    <message>
        <source>transcription</source>
        <translation>yazıya dökme</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>çeviri</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>konuşma</translation>
    </message>
    <message>
        <source>bulk</source>
        <translation>toplu iş</translation>
    </message>
    <message>
        <source>{count} req</source>
        <translation>{count} istek</translation>
    </message>
    <message>
        <source>{count} tok</source>
        <translation>{count} token</translation>
    </message>
    <message>
        <source>{seconds} s audio</source>
        <translation>{seconds} sn ses</translation>
    </message>
    <message>
        <source>its turn</source>
        <translation>sırası</translation>
    </message>
    <message>
        <source>retry after: {error}</source>
        <translation>şundan sonra yeniden denenecek: {error}</translation>
    </message>
    <message>
        <source>Job {id}: {kind} on {model}</source>
        <translation>İş {id}: {model} üzerinde {kind}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Durum: {state}</translation>
    </message>
    <message>
        <source>Waiting for quota: {wait}</source>
        <translation>Kota bekliyor: {wait}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Son hata: {error}</translation>
    </message>
    <message>
        <source>Attempts: {count}</source>
        <translation>Deneme: {count}</translation>
    </message>
    <message>
        <source>never (too large)</source>
        <translation>hiçbir zaman (çok büyük)</translation>
    </message>
</context>
<context>
    <name>QuotaModel</name>
    <message>
        <source>headers</source>
        <translation>başlıklar</translation>
    </message>
    <message>
        <source>published</source>
        <translation>yayımlanan</translation>
    </message>
    <message>
        <source>your edit</source>
        <translation>düzenlemeniz</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>öğrenilen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Sınır</translation>
    </message>
    <message>
        <source>Left (share)</source>
        <translation>Kalan (oran)</translation>
    </message>
    <message>
        <source>Left of limit</source>
        <translation>Sınırdan kalan</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Kalan</translation>
    </message>
    <message>
        <source>Full again in</source>
        <translation>Dolmasına kalan</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kaynak</translation>
    </message>
    <message>
        <source>closed, {wait}</source>
        <translation>kapalı, {wait}</translation>
    </message>
    <message>
        <source>full</source>
        <translation>dolu</translation>
    </message>
    <message>
        <source>{model} — {label} ({code})
{left}; {reset}
Source: {source}</source>
        <translation>{model} — {label} ({code})
{left}; {reset}
Kaynak: {source}</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>%{percent}</translation>
    </message>
    <message>
        <source>{left} of {limit} left</source>
        <translation>{limit} içinden {left} kaldı</translation>
    </message>
</context>
<context>
    <name>UsageCharts</name>
    <message>
        <source>What the charts count</source>
        <translation>Grafiklerin saydığı</translation>
    </message>
    <message>
        <source>Edit prices…</source>
        <translation>Fiyatları düzenle…</translation>
    </message>
    <message>
        <source>Change the estimated price per model (saved as prices.json)</source>
        <translation>Model başına tahmini fiyatı değiştirin (prices.json olarak kaydedilir)</translation>
    </message>
    <message>
        <source>Estimated from the editable price table (prices.json); Groq's bill is the truth.</source>
        <translation>Düzenlenebilir fiyat tablosundan (prices.json) tahmin edilir; doğrusu Groq’un faturasıdır.</translation>
    </message>
    <message>
        <source>Per minute, last hour</source>
        <translation>Dakika başına, son bir saat</translation>
    </message>
    <message>
        <source>Per day, last 30 days</source>
        <translation>Gün başına, son 30 gün</translation>
    </message>
    <message>
        <source>Recent replies: tokens/s and time to first token</source>
        <translation>Son yanıtlar: token/sn ve ilk token’a kadar geçen süre</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Son bir saat</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 gün</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Hız</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Göster:</translation>
    </message>
    <message>
        <source>Estimated cost (from the editable price table): last hour {hour}, last {days} days {month}</source>
        <translation>Tahmini maliyet (düzenlenebilir fiyat tablosundan): son bir saat {hour}, son {days} gün {month}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>bugün</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>token/sn</translation>
    </message>
    <message>
        <source>time to first token (ms)</source>
        <translation>ilk token’a kadar (ms)</translation>
    </message>
    <message>
        <source>reply (oldest → newest)</source>
        <translation>yanıt (en eski → en yeni)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
</TS>
