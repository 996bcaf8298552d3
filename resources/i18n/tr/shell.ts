<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>AppSettings</name>
    <message>
        <source>Groq retired {model} on {date}: your default chat model is now {replacement}.</source>
        <translation>Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı: varsayılan sohbet modeliniz artık {replacement}.</translation>
    </message>
    <message>
        <source>Groq retired {model}: your default chat model is now {replacement}.</source>
        <translation>Groq, {model} modelini kullanımdan kaldırdı: varsayılan sohbet modeliniz artık {replacement}.</translation>
    </message>
    <message>
        <source>Groq retired {model} on {date}: your default transcription model is now {replacement}.</source>
        <translation>Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı: varsayılan yazıya dökme modeliniz artık {replacement}.</translation>
    </message>
    <message>
        <source>Groq retired {model}: your default transcription model is now {replacement}.</source>
        <translation>Groq, {model} modelini kullanımdan kaldırdı: varsayılan yazıya dökme modeliniz artık {replacement}.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Follow the system</source>
        <translation>Sistem ayarını izle</translation>
    </message>
</context>
<context>
    <name>S3SettingsGroup</name>
    <message>
        <source>boto3 is not installed: {command}</source>
        <translation>boto3 kurulu değil: {command}</translation>
    </message>
    <message>
        <source>No credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure ~/.aws.</source>
        <translation>Kimlik bilgisi bulunamadı: AWS_ACCESS_KEY_ID ve AWS_SECRET_ACCESS_KEY değişkenlerini ayarlayın ya da ~/.aws klasörünü yapılandırın.</translation>
    </message>
    <message>
        <source>No bucket named {bucket} at this endpoint.</source>
        <translation>Bu uç noktada {bucket} adlı bir bucket yok.</translation>
    </message>
    <message>
        <source>Access denied to {bucket}: check the credentials boto3 finds (environment, ~/.aws).</source>
        <translation>{bucket} için erişim reddedildi: boto3'ün bulduğu kimlik bilgilerini denetleyin (ortam değişkenleri, ~/.aws).</translation>
    </message>
    <message>
        <source>Could not reach the bucket: {error}</source>
        <translation>Bucket'a ulaşılamadı: {error}</translation>
    </message>
    <message>
        <source>OK: the bucket {bucket} is reachable with these credentials.</source>
        <translation>Tamam: {bucket} bucket'ına bu kimlik bilgileriyle ulaşılabiliyor.</translation>
    </message>
    <message>
        <source>Bulk audio (S3-compatible bucket)</source>
        <translation>Toplu ses (S3 uyumlu bucket)</translation>
    </message>
    <message>
        <source>Transcription batches need audio at a URL Groq can fetch: local files are uploaded here and passed as presigned links. Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, ~/.aws/credentials, a profile); none are stored here.</source>
        <translation>Toplu yazıya dökme işleri, sesin Groq'un alabileceği bir URL'de olmasını ister: yerel dosyalar buraya yüklenir ve önceden imzalanmış bağlantılarla iletilir. Kimlik bilgileri boto3'ün her zamanki yerlerinden gelir (ortamdaki AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, bir profil); burada hiçbiri saklanmaz.</translation>
    </message>
    <message>
        <source>empty: bulk audio goes through the transcription queue</source>
        <translation>boş: toplu ses, yazıya dökme kuyruğundan geçer</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation>Nesne anahtarı öneki</translation>
    </message>
    <message>
        <source>optional: https://… for MinIO, Cloudflare R2, Backblaze B2…</source>
        <translation>isteğe bağlı: MinIO, Cloudflare R2, Backblaze B2… için https://…</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>Uç nokta URL'si</translation>
    </message>
    <message>
        <source>optional, e.g. us-east-1</source>
        <translation>isteğe bağlı, ör. us-east-1</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Bölge</translation>
    </message>
    <message>
        <source>Test bucket</source>
        <translation>Bucket'ı test et</translation>
    </message>
    <message>
        <source>Ask the bucket whether it exists and these credentials may use it</source>
        <translation>Bucket'ın var olup olmadığını ve bu kimlik bilgilerinin onu kullanıp kullanamayacağını sorar</translation>
    </message>
    <message>
        <source>Name a bucket to test it.</source>
        <translation>Test etmek için bir bucket adı girin.</translation>
    </message>
    <message>
        <source>Testing {bucket}…</source>
        <translation>{bucket} test ediliyor…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>automatic (recommended)</source>
        <translation>otomatik (önerilen)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Sistem ayarını izle</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Koyu</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Connection to Groq</source>
        <translation>Groq bağlantısı</translation>
    </message>
    <message>
        <source>gsk_… (leave empty to keep the current key)</source>
        <translation>gsk_… (geçerli anahtarı korumak için boş bırakın)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API anahtarı</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>Yazdığınız anahtarı gösterir ya da gizler</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>Anahtarı test et</translation>
    </message>
    <message>
        <source>Ask the server at the base URL below for its model list with this key</source>
        <translation>Aşağıdaki temel URL'deki sunucudan bu anahtarla model listesini ister</translation>
    </message>
    <message>
        <source>&lt;b&gt;GROQ_API_KEY is set in the environment: it wins&lt;/b&gt; over any key saved here, now and after a restart.</source>
        <translation>&lt;b&gt;GROQ_API_KEY ortamda ayarlı ve önceliklidir&lt;/b&gt;: burada kaydedilen anahtarın yerine hem şimdi hem yeniden başlattıktan sonra o kullanılır.</translation>
    </message>
    <message>
        <source>Keep the key on this computer, in a file only you can read</source>
        <translation>Anahtarı bu bilgisayarda, yalnızca sizin okuyabileceğiniz bir dosyada sakla</translation>
    </message>
    <message>
        <source>Without a keychain the key is written as plain text to {path} (permissions 0600). It is not encrypted: anyone who can read your files or your backups can read it.</source>
        <translation>Anahtar zinciri olmadığında anahtar {path} dosyasına düz metin olarak yazılır (izinler 0600). Şifrelenmez: dosyalarınızı ya da yedeklerinizi okuyabilen herkes onu okuyabilir.</translation>
    </message>
    <message>
        <source>No keychain: the file ({path}) holds the key as &lt;b&gt;plain text&lt;/b&gt;, readable by your user account and its backups. Leave this off to keep the key for this session only.</source>
        <translation>Anahtar zinciri yok: dosya ({path}) anahtarı &lt;b&gt;düz metin&lt;/b&gt; olarak tutar; kullanıcı hesabınız ve yedekleri onu okuyabilir. Anahtarı yalnızca bu oturum için tutmak istiyorsanız bunu kapalı bırakın.</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Temel URL</translation>
    </message>
    <message>
        <source>Plan (limits)</source>
        <translation>Plan (limitler)</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Sohbet</translation>
    </message>
    <message>
        <source>Enter sends; Shift+Enter starts a new line</source>
        <translation>Enter gönderir; Shift+Enter yeni satır başlatır</translation>
    </message>
    <message>
        <source>Off: Shift+Enter sends and Enter starts a new line (Ctrl+Enter always sends)</source>
        <translation>Kapalıyken Shift+Enter gönderir, Enter yeni satır başlatır (Ctrl+Enter her zaman gönderir)</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>Yazma alanı</translation>
    </message>
    <message>
        <source>The model new conversations start with</source>
        <translation>Yeni sohbetlerin başladığı model</translation>
    </message>
    <message>
        <source>Default chat model</source>
        <translation>Varsayılan sohbet modeli</translation>
    </message>
    <message>
        <source>None: the model's own behaviour</source>
        <translation>Yok: modelin kendi davranışı</translation>
    </message>
    <message>
        <source>The system prompt new conversations start with</source>
        <translation>Yeni sohbetlerin başladığı sistem istemi</translation>
    </message>
    <message>
        <source>Default system prompt</source>
        <translation>Varsayılan sistem istemi</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Görünüm</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>Sistem boyutu</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Yazı tipi boyutu</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Closing the window keeps Groq Desktop running in the tray</source>
        <translation>Pencere kapatılınca Groq Desktop sistem tepsisinde çalışmayı sürdürür</translation>
    </message>
    <message>
        <source>The tray icon's Quit (or File ▸ Quit) ends it; off by default</source>
        <translation>Tepsi simgesindeki Çık (ya da Dosya ▸ Çık) uygulamayı kapatır; varsayılan olarak kapalı</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Pencere</translation>
    </message>
    <message>
        <source>The language changes at the next start: you can restart once you save.</source>
        <translation>Dil bir sonraki başlatmada değişir: kaydettikten sonra yeniden başlatabilirsiniz.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Gizle</translation>
    </message>
    <message>
        <source>Paste a key to test it.</source>
        <translation>Test etmek için bir anahtar yapıştırın.</translation>
    </message>
    <message>
        <source>Testing the key against {url}…</source>
        <translation>Anahtar {url} adresinde test ediliyor…</translation>
    </message>
    <message>
        <source>OK: the key works; models available: {count}.</source>
        <translation>Tamam: anahtar çalışıyor; kullanılabilir model sayısı: {count}.</translation>
    </message>
    <message>
        <source>Not accepted: {reason}</source>
        <translation>Kabul edilmedi: {reason}</translation>
    </message>
    <message>
        <source>Could not test the key: {error}</source>
        <translation>Anahtar test edilemedi: {error}</translation>
    </message>
    <message>
        <source>Restart to change the language</source>
        <translation>Dili değiştirmek için yeniden başlatın</translation>
    </message>
    <message>
        <source>Saved. The new language shows when Groq Desktop starts again; your conversations and transcription queue carry on where they are.</source>
        <translation>Kaydedildi. Yeni dil, Groq Desktop yeniden başladığında görünür; sohbetleriniz ve yazıya dökme kuyruğunuz kaldıkları yerden devam eder.</translation>
    </message>
    <message>
        <source>Restart to connect</source>
        <translation>Bağlanmak için yeniden başlatın</translation>
    </message>
    <message>
        <source>Saved. Groq Desktop restarts to connect with the new key or address, in the new language; your conversations and transcription queue carry on where they are.</source>
        <translation>Kaydedildi. Groq Desktop yeni anahtar ya da adresle bağlanmak için yeni dilde yeniden başlar; sohbetleriniz ve yazıya dökme kuyruğunuz kaldıkları yerden devam eder.</translation>
    </message>
    <message>
        <source>Saved. Groq Desktop restarts to connect with the new key or address; your conversations and transcription queue carry on where they are.</source>
        <translation>Kaydedildi. Groq Desktop yeni anahtar ya da adresle bağlanmak için yeniden başlar; sohbetleriniz ve yazıya dökme kuyruğunuz kaldıkları yerden devam eder.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Şimdi yeniden başlat</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Sonra</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>everywhere</source>
        <translation>her yerde</translation>
    </message>
    <message>
        <source>Chat, Transcribe, Models, Queue &amp; limits, Bulk</source>
        <translation>Sohbet, Yazıya dök, Modeller, Kuyruk ve limitler, Toplu iş</translation>
    </message>
    <message>
        <source>new conversation</source>
        <translation>yeni sohbet</translation>
    </message>
    <message>
        <source>transcribe files…</source>
        <translation>dosyaları yazıya dök…</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>ayarlar</translation>
    </message>
    <message>
        <source>show or hide the sidebar</source>
        <translation>kenar çubuğunu göster ya da gizle</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>çık</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Sohbet</translation>
    </message>
    <message>
        <source>send / new line (reversible in settings); Ctrl+Enter always sends</source>
        <translation>gönder / yeni satır (ayarlardan tersine çevrilebilir); Ctrl+Enter her zaman gönderir</translation>
    </message>
    <message>
        <source>close the find bar, else cancel an edit, else stop the reply (or the reading aloud)</source>
        <translation>arama çubuğunu kapat, yoksa düzenlemeyi iptal et, yoksa yanıtı (ya da sesli okumayı) durdur</translation>
    </message>
    <message>
        <source>Chat · Transcribe · Models</source>
        <translation>Sohbet · Yazıya dök · Modeller</translation>
    </message>
    <message>
        <source>find in the conversation · search the transcript · search models</source>
        <translation>sohbette bul · dökümde ara · modellerde ara</translation>
    </message>
    <message>
        <source>Chat · Transcribe</source>
        <translation>Sohbet · Yazıya dök</translation>
    </message>
    <message>
        <source>regenerate the last reply · retry the selected jobs</source>
        <translation>son yanıtı yeniden oluştur · seçili işleri yeniden dene</translation>
    </message>
    <message>
        <source>copy the last reply · copy the whole transcript</source>
        <translation>son yanıtı kopyala · dökümün tamamını kopyala</translation>
    </message>
    <message>
        <source>Chat, message list</source>
        <translation>Sohbet, mesaj listesi</translation>
    </message>
    <message>
        <source>copy as Markdown / as plain text / edit (your messages)</source>
        <translation>Markdown olarak / düz metin olarak kopyala / düzenle (kendi mesajlarınız)</translation>
    </message>
    <message>
        <source>previous / next version of the selected reply</source>
        <translation>seçili yanıtın önceki / sonraki sürümü</translation>
    </message>
    <message>
        <source>dictate (press again to stop)</source>
        <translation>dikte et (durdurmak için yeniden basın)</translation>
    </message>
    <message>
        <source>undo deleting a conversation</source>
        <translation>sohbet silmeyi geri al</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Yazıya dök</translation>
    </message>
    <message>
        <source>cancel the selected jobs</source>
        <translation>seçili işleri iptal et</translation>
    </message>
    <message>
        <source>Transcribe · Queue &amp; limits</source>
        <translation>Yazıya dök · Kuyruk ve limitler</translation>
    </message>
    <message>
        <source>remove the selected jobs · cancel the selected requests</source>
        <translation>seçili işleri kaldır · seçili istekleri iptal et</translation>
    </message>
    <message>
        <source>move the selected jobs · raise / lower priority</source>
        <translation>seçili işleri taşı · önceliği artır / azalt</translation>
    </message>
    <message>
        <source>pause or resume the whole queue</source>
        <translation>tüm kuyruğu duraklat ya da sürdür</translation>
    </message>
    <message>
        <source>export the selected finished jobs</source>
        <translation>seçili bitmiş işleri dışa aktar</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modeller</translation>
    </message>
    <message>
        <source>refresh the model list</source>
        <translation>model listesini yenile</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tuşlar</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Nerede</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Eylem</translation>
    </message>
</context>
<context>
    <name>StatusQuota</name>
    <message>
        <source>No requests yet</source>
        <translation>Henüz istek yok</translation>
    </message>
    <message>
        <source>queue: {waiting} waiting, {running} running</source>
        <translation>kuyruk: {waiting} bekliyor, {running} çalışıyor</translation>
    </message>
    <message>
        <source>{left}; back to the full {limit} in {wait} — {source}</source>
        <translation>{left}; {wait} içinde yeniden tam {limit} — {source}</translation>
    </message>
    <message>
        <source>{left}, closed for {wait}</source>
        <translation>{left}, {wait} boyunca kapalı</translation>
    </message>
    <message>
        <source>every limit has room</source>
        <translation>tüm limitlerde yer var</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>New chat</source>
        <translation>Yeni sohbet</translation>
    </message>
    <message>
        <source>Transcribe files…</source>
        <translation>Dosyaları yazıya dök…</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>Kuyruğu duraklat</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>Pencereyi göster</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>Groq Desktop (demo)</source>
        <translation>Groq Desktop (demo)</translation>
    </message>
    <message>
        <source>Transcribed {name}</source>
        <translation>{name} yazıya döküldü</translation>
    </message>
    <message>
        <source>Transcription queue finished</source>
        <translation>Yazıya dökme kuyruğu bitti</translation>
    </message>
    <message>
        <source>{done} done, {failed} failed.</source>
        <translation>{done} tamamlandı, {failed} başarısız.</translation>
    </message>
    <message>
        <source>{done} done.</source>
        <translation>{done} tamamlandı.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;You are in demo mode.&lt;/b&gt; No API key is set, so a Groq emulator built into the app answers: the same API and free-plan limits, made-up replies and transcripts, and nothing leaves this computer. Everything works, so look around.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Demo modundasınız.&lt;/b&gt; API anahtarı ayarlanmadığı için uygulamaya yerleşik bir Groq emülatörü yanıt veriyor: aynı API ve ücretsiz plan limitleri, uydurma yanıtlar ve dökümler; hiçbir şey bu bilgisayardan dışarı çıkmaz. Her şey çalışıyor, rahatça göz atın.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Groq Desktop is connected to Groq with your key. Demo mode (the built-in emulator) is what runs when no key is set.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Groq Desktop anahtarınızla Groq'a bağlı. Anahtar ayarlı değilken demo modu (yerleşik emülatör) çalışır.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;To use Groq itself&lt;/b&gt;, create a key at &lt;a href='{url}'&gt;console.groq.com/keys&lt;/a&gt; (free to sign up), paste it below and test it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Groq'un kendisini kullanmak için&lt;/b&gt; &lt;a href='{url}'&gt;console.groq.com/keys&lt;/a&gt; adresinde bir anahtar oluşturun (kayıt ücretsiz), aşağıya yapıştırın ve test edin.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Where your data lives:&lt;/b&gt; conversations, transcripts and settings in &lt;code&gt;{data}&lt;/code&gt;, logs in &lt;code&gt;{logs}&lt;/code&gt;. The key goes to the system keychain.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Verileriniz nerede:&lt;/b&gt; sohbetler, dökümler ve ayarlar &lt;code&gt;{data}&lt;/code&gt; içinde, günlükler &lt;code&gt;{logs}&lt;/code&gt; içinde. Anahtar sistemin anahtar zincirinde saklanır.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome to Groq Desktop</source>
        <translation>Groq Desktop'a hoş geldiniz</translation>
    </message>
    <message>
        <source>Paste your key: gsk_…</source>
        <translation>Anahtarınızı yapıştırın: gsk_…</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API anahtarı</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>Anahtarı test et</translation>
    </message>
    <message>
        <source>One models call with this key; the server's answer is shown below</source>
        <translation>Bu anahtarla tek bir model listesi isteği; sunucunun yanıtı aşağıda görünür</translation>
    </message>
    <message>
        <source>Use this key…</source>
        <translation>Bu anahtarı kullan…</translation>
    </message>
    <message>
        <source>Open Settings with this key to keep it (the app restarts to connect)</source>
        <translation>Anahtarı saklamak için Ayarlar'ı bu anahtarla açar (uygulama bağlanmak için yeniden başlar)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başla</translation>
    </message>
    <message>
        <source>Testing the key against {url}…</source>
        <translation>Anahtar {url} adresinde test ediliyor…</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>Chat, transcription, a model browser and a queue &amp;amp; quota monitor for Groq's API.</source>
        <translation>Groq API'si için sohbet, yazıya dökme, model tarayıcısı ve kuyruk &amp;amp; kota izleyicisi.</translation>
    </message>
    <message>
        <source>Running in &lt;b&gt;demo mode&lt;/b&gt; on the built-in Groq emulator.</source>
        <translation>Yerleşik Groq emülatöründe &lt;b&gt;demo modunda&lt;/b&gt; çalışıyor.</translation>
    </message>
    <message>
        <source>About Groq Desktop</source>
        <translation>Groq Desktop hakkında</translation>
    </message>
</context>
<context>
    <name>quota_words</name>
    <message>
        <source>requests this minute</source>
        <translation>bu dakikaki istekler</translation>
    </message>
    <message>
        <source>requests this hour</source>
        <translation>bu saatteki istekler</translation>
    </message>
    <message>
        <source>requests today</source>
        <translation>bugünkü istekler</translation>
    </message>
    <message>
        <source>tokens this minute</source>
        <translation>bu dakikaki token'lar</translation>
    </message>
    <message>
        <source>tokens this hour</source>
        <translation>bu saatteki token'lar</translation>
    </message>
    <message>
        <source>tokens today</source>
        <translation>bugünkü token'lar</translation>
    </message>
    <message>
        <source>audio seconds this minute</source>
        <translation>bu dakikaki ses saniyeleri</translation>
    </message>
    <message>
        <source>audio seconds this hour</source>
        <translation>bu saatteki ses saniyeleri</translation>
    </message>
    <message>
        <source>audio seconds today</source>
        <translation>bugünkü ses saniyeleri</translation>
    </message>
    <message>
        <source>input tokens per minute</source>
        <translation>dakikalık girdi token'ları</translation>
    </message>
    <message>
        <source>output tokens per minute</source>
        <translation>dakikalık çıktı token'ları</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} sn</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} dk</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} sa {minutes} dk</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} sa</translation>
    </message>
    <message>
        <source>{what}: {left} of {limit} left</source>
        <translation>{what}: {left} / {limit} kaldı</translation>
    </message>
    <message>
        <source>{left}, never fits this limit</source>
        <translation>{left}, bu limite hiç sığmaz</translation>
    </message>
    <message>
        <source>{left}, room in {wait}</source>
        <translation>{left}, {wait} içinde yer açılır</translation>
    </message>
</context>
<context>
    <name>startup_problems</name>
    <message>
        <source>Groq Desktop cannot start</source>
        <translation>Groq Desktop başlatılamıyor</translation>
    </message>
    <message>
        <source>Move aside and start fresh</source>
        <translation>Kenara taşı ve sıfırdan başla</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Klasörü aç</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>Cannot rename: {error}</source>
        <translation>Yeniden adlandırılamıyor: {error}</translation>
    </message>
</context>
</TS>
