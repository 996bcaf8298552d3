<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>AudioFileError</name>
    <message>
        <source>unreadable (no such file)</source>
        <translation>okunamıyor (böyle bir dosya yok)</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>okunamıyor</translation>
    </message>
    <message>
        <source>empty (0 bytes)</source>
        <translation>boş (0 bayt)</translation>
    </message>
    <message>
        <source>not audio (not a media file)</source>
        <translation>ses değil (bir medya dosyası değil)</translation>
    </message>
    <message>
        <source>no audio track</source>
        <translation>ses parçası yok</translation>
    </message>
    <message>
        <source>corrupt or truncated</source>
        <translation>bozuk ya da eksik</translation>
    </message>
    <message>
        <source>Cannot use '{name}': {reason}</source>
        <translation>'{name}' kullanılamıyor: {reason}</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>normal bir dosya değil</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>izin verilmedi</translation>
    </message>
    <message>
        <source>the file has only {kinds} streams</source>
        <translation>dosyada yalnızca {kinds} akışları var</translation>
    </message>
    <message>
        <source>the file has no streams</source>
        <translation>dosyada hiç akış yok</translation>
    </message>
    <message>
        <source>no audio could be decoded</source>
        <translation>hiç ses çözülemedi</translation>
    </message>
    <message>
        <source>the audio has no length</source>
        <translation>sesin uzunluğu yok</translation>
    </message>
    <message>
        <source>the audio ended before the planned chunks</source>
        <translation>ses, planlanan parçalardan önce bitti</translation>
    </message>
</context>
<context>
    <name>Budget</name>
    <message>
        <source>Read-aloud: no daily limit</source>
        <translation>Sesli okuma: günlük sınır yok</translation>
    </message>
    <message>
        <source>Read-aloud left today: {requests} requests (~{characters} characters)</source>
        <translation>Bugün kalan sesli okuma: {requests} istek (~{characters} karakter)</translation>
    </message>
    <message>
        <source>Read-aloud quota used up for today (refills in {wait})</source>
        <translation>Bugünkü sesli okuma kotası doldu ({wait} içinde yenilenir)</translation>
    </message>
</context>
<context>
    <name>BulkService</name>
    <message>
        <source>ready</source>
        <translation>hazır</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>duraklatıldı</translation>
    </message>
    <message>
        <source>in a batch</source>
        <translation>toplu işte</translation>
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
        <translation>toplu işe alındı</translation>
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
        <source>validating</source>
        <translation>doğrulanıyor</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>sürüyor</translation>
    </message>
    <message>
        <source>finalizing</source>
        <translation>tamamlanıyor</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>tamamlandı</translation>
    </message>
    <message>
        <source>cancelling</source>
        <translation>iptal ediliyor</translation>
    </message>
    <message>
        <source>Bulk job “{name}” finished</source>
        <translation>“{name}” toplu işi bitti</translation>
    </message>
    <message>
        <source>The inputs have no field for {placeholders}.</source>
        <translation>Girdilerde {placeholders} için alan yok.</translation>
    </message>
    <message>
        <source>bulk: {name}</source>
        <translation>toplu: {name}</translation>
    </message>
    <message>
        <source>{done} done, {failed} failed.</source>
        <translation>{done} bitti, {failed} başarısız.</translation>
    </message>
    <message>
        <source>Groq's Batch API needs the Developer plan or above; on the free plan Groq refuses batches. Run the job live instead, or upgrade at console.groq.com/settings/billing.</source>
        <translation>Groq'un Batch API'si Developer planı ya da üstünü gerektirir; ücretsiz planda Groq toplu işleri reddeder. İşi bunun yerine canlı çalıştırın ya da console.groq.com/settings/billing adresinden planınızı yükseltin.</translation>
    </message>
    <message>
        <source>Groq refused the batch: {error}</source>
        <translation>Groq toplu işi reddetti: {error}</translation>
    </message>
    <message>
        <source>{count} batch(es) created</source>
        <translation>{count} toplu iş oluşturuldu</translation>
    </message>
    <message>
        <source>The batch failed at Groq.</source>
        <translation>Toplu iş Groq'ta başarısız oldu.</translation>
    </message>
    <message>
        <source>Missing from the batch's results.</source>
        <translation>Toplu işin sonuçlarında yok.</translation>
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
        <source>{count} not run (resubmit them)</source>
        <translation>{count} çalıştırılmadı (yeniden gönderin)</translation>
    </message>
</context>
<context>
    <name>ChatService</name>
    <message>
        <source>New conversation</source>
        <translation>Yeni sohbet</translation>
    </message>
    <message>
        <source>Could not save to the database: {error}.</source>
        <translation>Veritabanına kaydedilemedi: {error}.</translation>
    </message>
    <message>
        <source>{name} is {tokens} tokens; {model} reads at most {window} tokens in all.</source>
        <translation>{name} {tokens} token; {model} toplamda en çok {window} token okur.</translation>
    </message>
    <message>
        <source>{model} cannot see images. Models that can: {models}.</source>
        <translation>{model} görselleri göremez. Görebilen modeller: {models}.</translation>
    </message>
    <message>
        <source>{model} cannot see images, and none of the available models can.</source>
        <translation>{model} görselleri göremez; kullanılabilir modellerden hiçbiri de göremez.</translation>
    </message>
    <message>
        <source>{count} images attached; {model} takes at most {limit}.</source>
        <translation>{count} görsel eklendi; {model} en çok {limit} görsel alır.</translation>
    </message>
    <message>
        <source>A stored image is missing ({error}).</source>
        <translation>Kayıtlı bir görsel eksik ({error}).</translation>
    </message>
    <message>
        <source>This reply is still being written.</source>
        <translation>Bu yanıt hâlâ yazılıyor.</translation>
    </message>
    <message>
        <source>A reply in this conversation is still being written.</source>
        <translation>Bu sohbetteki bir yanıt hâlâ yazılıyor.</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>Beklenmeyen hata: {error}</translation>
    </message>
    <message>
        <source>The conversation is {tokens} tokens; {model} reads at most {window}.</source>
        <translation>Sohbet {tokens} token; {model} en çok {window} token okur.</translation>
    </message>
</context>
<context>
    <name>ChatStream</name>
    <message>
        <source>The reply was stopped.</source>
        <translation>Yanıt durduruldu.</translation>
    </message>
    <message>
        <source>The connection closed before the reply finished.</source>
        <translation>Bağlantı, yanıt bitmeden kapandı.</translation>
    </message>
    <message>
        <source>Groq sent {size} MiB without ending an event; the reply stopped there and the text so far is kept.</source>
        <translation>Groq bir olayı bitirmeden {size} MiB gönderdi; yanıt orada durdu ve o ana kadarki metin korundu.</translation>
    </message>
    <message>
        <source>The reply stream stalled (no data within the timeout); the text so far is kept.</source>
        <translation>Yanıt akışı takıldı (zaman aşımı içinde veri gelmedi); o ana kadarki metin korundu.</translation>
    </message>
    <message>
        <source>The reply stream was cut; the text so far is kept.</source>
        <translation>Yanıt akışı kesildi; o ana kadarki metin korundu.</translation>
    </message>
    <message>
        <source>Groq sent a malformed chunk; the reply stopped there.</source>
        <translation>Groq bozuk bir parça gönderdi; yanıt orada durdu.</translation>
    </message>
    <message>
        <source>Groq reported an error inside the stream.</source>
        <translation>Groq akış içinde bir hata bildirdi.</translation>
    </message>
    <message>
        <source>The stream stopped early.</source>
        <translation>Akış erken durdu.</translation>
    </message>
</context>
<context>
    <name>CompareRun</name>
    <message>
        <source>Compare · {model}</source>
        <translation>Karşılaştır · {model}</translation>
    </message>
</context>
<context>
    <name>Dimension</name>
    <message>
        <source>requests per minute</source>
        <translation>dakika başına istek</translation>
    </message>
    <message>
        <source>tokens per minute</source>
        <translation>dakika başına token</translation>
    </message>
    <message>
        <source>requests per day</source>
        <translation>gün başına istek</translation>
    </message>
    <message>
        <source>tokens per day</source>
        <translation>gün başına token</translation>
    </message>
    <message>
        <source>audio seconds per hour</source>
        <translation>saat başına ses saniyesi</translation>
    </message>
    <message>
        <source>audio seconds per day</source>
        <translation>gün başına ses saniyesi</translation>
    </message>
    <message>
        <source>input tokens per minute</source>
        <translation>dakika başına girdi tokenı</translation>
    </message>
    <message>
        <source>output tokens per minute</source>
        <translation>dakika başına çıktı tokenı</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>istek</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>audio seconds</source>
        <translation>ses saniyesi</translation>
    </message>
    <message>
        <source>input tokens</source>
        <translation>girdi tokenı</translation>
    </message>
    <message>
        <source>output tokens</source>
        <translation>çıktı tokenı</translation>
    </message>
</context>
<context>
    <name>GroqApiClient</name>
    <message>
        <source>The model list from Groq had no 'data' array.</source>
        <translation>Groq'tan gelen model listesinde 'data' dizisi yoktu.</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>API anahtarı ayarlanmamış.</translation>
    </message>
    <message>
        <source>Add your Groq API key in Settings.</source>
        <translation>Groq API anahtarınızı Ayarlar'dan ekleyin.</translation>
    </message>
    <message>
        <source>The request was cancelled before it was sent.</source>
        <translation>İstek gönderilmeden iptal edildi.</translation>
    </message>
    <message>
        <source>The request was stopped.</source>
        <translation>İstek durduruldu.</translation>
    </message>
    <message>
        <source>Groq did not answer within {seconds} s.</source>
        <translation>Groq {seconds} sn içinde yanıt vermedi.</translation>
    </message>
    <message>
        <source>Could not reach {url}: {error}.</source>
        <translation>{url} adresine ulaşılamadı: {error}.</translation>
    </message>
    <message>
        <source>The request was cancelled while waiting to retry.</source>
        <translation>İstek, yeniden denemeyi beklerken iptal edildi.</translation>
    </message>
    <message>
        <source>Groq's answer was not valid JSON (HTTP {status}).</source>
        <translation>Groq'un yanıtı geçerli JSON değildi (HTTP {status}).</translation>
    </message>
    <message>
        <source>Groq's answer was not a JSON object.</source>
        <translation>Groq'un yanıtı bir JSON nesnesi değildi.</translation>
    </message>
</context>
<context>
    <name>GroqDesktopError</name>
    <message>
        <source>This history file was written by a newer Groq Desktop; update the app to open it.</source>
        <translation>Bu geçmiş dosyası Groq Desktop'un daha yeni bir sürümüyle yazılmış; açmak için uygulamayı güncelleyin.</translation>
    </message>
    <message>
        <source>Run the job live instead: it uses your free-plan quota and takes longer, at the live price.</source>
        <translation>İşi bunun yerine canlı çalıştırın: ücretsiz plan kotanızı kullanır ve canlı fiyatla daha uzun sürer.</translation>
    </message>
    <message>
        <source>Drop the oldest turns, or turn on 'send only the recent turns that fit'.</source>
        <translation>En eski mesajları çıkarın ya da 'yalnızca sığan son mesajları gönder' seçeneğini açın.</translation>
    </message>
    <message>
        <source>Wait for the reply to finish or stop it first.</source>
        <translation>Önce yanıtın bitmesini bekleyin ya da yanıtı durdurun.</translation>
    </message>
    <message>
        <source>Free some disk space or close other programs using the database, then try again.</source>
        <translation>Diskte yer açın ya da veritabanını kullanan diğer programları kapatın, sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>Pick a file exported by Groq Desktop as JSON.</source>
        <translation>Groq Desktop tarafından JSON olarak dışa aktarılmış bir dosya seçin.</translation>
    </message>
    <message>
        <source>Change the transcription options and try again.</source>
        <translation>Yazıya dökme seçeneklerini değiştirip yeniden deneyin.</translation>
    </message>
    <message>
        <source>Refresh the model list (F5); Groq may have renamed or retired its voice models.</source>
        <translation>Model listesini yenileyin (F5); Groq ses modellerini yeniden adlandırmış ya da kullanımdan kaldırmış olabilir.</translation>
    </message>
    <message>
        <source>Replies already read are cached and replay for free; new text waits for tomorrow's quota.</source>
        <translation>Önceden okunan yanıtlar önbellekte tutulur ve ücretsiz yeniden çalınır; yeni metin yarının kotasını bekler.</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, check the log file.</source>
        <translation>Yeniden deneyin; sorun sürerse günlük dosyasına bakın.</translation>
    </message>
    <message>
        <source>Check the settings or the GROQ_* environment variables.</source>
        <translation>Ayarları ya da GROQ_* ortam değişkenlerini denetleyin.</translation>
    </message>
    <message>
        <source>Wait for some queued requests to finish, or cancel some, then try again.</source>
        <translation>Kuyruktaki bazı isteklerin bitmesini bekleyin ya da bazılarını iptal edin, sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>The request was cancelled; nothing more was sent.</source>
        <translation>İstek iptal edildi; başka bir şey gönderilmedi.</translation>
    </message>
    <message>
        <source>Check that the file is an audio or video file that plays in a media player.</source>
        <translation>Dosyanın bir medya oynatıcıda çalan bir ses ya da video dosyası olduğunu denetleyin.</translation>
    </message>
    <message>
        <source>Check your internet connection (or the base URL in settings) and try again.</source>
        <translation>İnternet bağlantınızı (ya da ayarlardaki temel URL’yi) denetleyip yeniden deneyin.</translation>
    </message>
    <message>
        <source>Groq did not answer in time; try again, or raise the timeout in settings.</source>
        <translation>Groq zamanında yanıt vermedi; yeniden deneyin ya da ayarlardan zaman aşımını artırın.</translation>
    </message>
    <message>
        <source>Groq sent a response the app could not read; try again in a moment.</source>
        <translation>Groq uygulamanın okuyamadığı bir yanıt gönderdi; birazdan yeniden deneyin.</translation>
    </message>
    <message>
        <source>Request id: {request_id}</source>
        <translation>İstek kimliği: {request_id}</translation>
    </message>
    <message>
        <source>The request was rejected as invalid; check the parameters (model, limits, options).</source>
        <translation>İstek geçersiz diye reddedildi; parametreleri (model, sınırlar, seçenekler) denetleyin.</translation>
    </message>
    <message>
        <source>Your API key was refused: paste a valid key from console.groq.com/keys in Settings.</source>
        <translation>API anahtarınız reddedildi: console.groq.com/keys adresinden geçerli bir anahtarı Ayarlar'a yapıştırın.</translation>
    </message>
    <message>
        <source>Your key is not allowed to use this; check your organisation's permissions or plan.</source>
        <translation>Anahtarınızın bunu kullanma izni yok; kuruluşunuzun izinlerini ya da planını denetleyin.</translation>
    </message>
    <message>
        <source>The model or resource does not exist (any more); refresh the model list and pick another.</source>
        <translation>Model ya da kaynak (artık) yok; model listesini yenileyip başka birini seçin.</translation>
    </message>
    <message>
        <source>The request is larger than the model allows in one go; shorten it or split it.</source>
        <translation>İstek, modelin tek seferde izin verdiğinden büyük; kısaltın ya da bölün.</translation>
    </message>
    <message>
        <source>Groq could not process this input; check the content and the options.</source>
        <translation>Groq bu girdiyi işleyemedi; içeriği ve seçenekleri denetleyin.</translation>
    </message>
    <message>
        <source>A dependency of the request failed on Groq's side; try again later.</source>
        <translation>İsteğin bağlı olduğu bir hizmet Groq tarafında başarısız oldu; daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>The quota for this model is used up for now; the request will be sent when it refills.</source>
        <translation>Bu modelin kotası şimdilik doldu; istek, kota yenilendiğinde gönderilecek.</translation>
    </message>
    <message>
        <source>The daily quota ({dimension}) is used up; it refills in {wait}. Pick another model or wait.</source>
        <translation>Günlük kota ({dimension}) doldu; {wait} içinde yenilenir. Başka bir model seçin ya da bekleyin.</translation>
    </message>
    <message>
        <source>Groq's flex capacity is full right now; the app backs off and tries again.</source>
        <translation>Groq'un flex kapasitesi şu an dolu; uygulama bekleyip yeniden deniyor.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>İstek iptal edildi.</translation>
    </message>
    <message>
        <source>Groq had a server error (not billed); the app retries a few times, then try again later.</source>
        <translation>Groq’ta bir sunucu hatası oluştu (ücretlendirilmez); uygulama birkaç kez yeniden dener, ardından daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <source>The reply stopped early; the text so far is kept. Retry to get a full reply.</source>
        <translation>Yanıt erken durdu; o ana kadarki metin korundu. Tam yanıt için yeniden deneyin.</translation>
    </message>
    <message>
        <source>HTTP {status} from Groq</source>
        <translation>Groq'tan HTTP {status}</translation>
    </message>
    <message>
        <source>This answer is a web page, not Groq's API: a proxy, firewall or sign-in page on your network may be in the way. Check the network (or the base URL in settings).</source>
        <translation>Bu yanıt Groq'un API'si değil, bir web sayfası: ağınızdaki bir vekil sunucu, güvenlik duvarı ya da oturum açma sayfası araya giriyor olabilir. Ağı (ya da ayarlardaki temel URL’yi) denetleyin.</translation>
    </message>
    <message>
        <source>{status} (no details in the answer).</source>
        <translation>{status} (yanıtta ayrıntı yok).</translation>
    </message>
</context>
<context>
    <name>HandsFree</name>
    <message>
        <source>Interrupted</source>
        <translation>Kesildi</translation>
    </message>
    <message>
        <source>Hands-free</source>
        <translation>Eller serbest</translation>
    </message>
</context>
<context>
    <name>HandsFreeState</name>
    <message>
        <source>Listening…</source>
        <translation>Dinleniyor…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Düşünüyor…</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>Konuşuyor…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Durduruldu</translation>
    </message>
</context>
<context>
    <name>HealthReport</name>
    <message>
        <source>Groq reachable, key valid, {ms} ms</source>
        <translation>Groq erişilebilir, anahtar geçerli, {ms} ms</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Tamam</translation>
    </message>
    <message>
        <source>Unknown problem</source>
        <translation>Bilinmeyen sorun</translation>
    </message>
</context>
<context>
    <name>JobInfo</name>
    <message>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Kuyrukta</translation>
    </message>
    <message>
        <source>Preparing audio</source>
        <translation>Ses hazırlanıyor</translation>
    </message>
    <message>
        <source>Uploading chunk {chunk}/{count}</source>
        <translation>Parça {chunk}/{count} yükleniyor</translation>
    </message>
    <message>
        <source>Waiting for quota ({dimension})</source>
        <translation>Kota bekleniyor ({dimension})</translation>
    </message>
    <message>
        <source>Waiting for quota</source>
        <translation>Kota bekleniyor</translation>
    </message>
    <message>
        <source>{status} — {seconds} s</source>
        <translation>{status} — {seconds} sn</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Bitti</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>Başarısız: {error}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <source>Rejected: {error}</source>
        <translation>Reddedildi: {error}</translation>
    </message>
</context>
<context>
    <name>JobPhase</name>
    <message>
        <source>Queued</source>
        <translation>Kuyrukta</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Hazırlanıyor</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Yükleniyor</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Bekliyor</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Bitti</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Reddedildi</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>queued</source>
        <translation>sırada</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>bekliyor</translation>
    </message>
    <message>
        <source>running</source>
        <translation>çalışıyor</translation>
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
        <source>cancelled</source>
        <translation>iptal edildi</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>The key is kept in the file {path}, readable only by you but not encrypted (no system keychain was found).</source>
        <translation>Anahtar {path} dosyasında tutuluyor; yalnızca siz okuyabilirsiniz ama şifrelenmemiştir (sistem anahtar zinciri bulunamadı).</translation>
    </message>
    <message>
        <source>The key is stored in your system keychain.</source>
        <translation>Anahtar, sisteminizin anahtar zincirinde saklanıyor.</translation>
    </message>
    <message>
        <source>No system keychain was found: the key is stored unencrypted by keyrings.alt ({backend}) in {path}.</source>
        <translation>Sistem anahtar zinciri bulunamadı: anahtar keyrings.alt ({backend}) tarafından {path} içinde şifrelenmeden saklanıyor.</translation>
    </message>
    <message>
        <source>No system keychain was found: the key is stored unencrypted by keyrings.alt ({backend}) in a file.</source>
        <translation>Sistem anahtar zinciri bulunamadı: anahtar keyrings.alt ({backend}) tarafından bir dosyada şifrelenmeden saklanıyor.</translation>
    </message>
    <message>
        <source>No system keychain is available: the key is kept for this session (and carried over a restart). Tick the box below to keep it in a file, or set GROQ_API_KEY.</source>
        <translation>Kullanılabilir bir sistem anahtar zinciri yok: anahtar bu oturum boyunca tutuluyor (yeniden başlatmada da korunur). Bir dosyada saklamak için aşağıdaki kutuyu işaretleyin ya da GROQ_API_KEY ayarlayın.</translation>
    </message>
</context>
<context>
    <name>LimitTable</name>
    <message>
        <source>{name} is not a valid limits file: {error}</source>
        <translation>{name} geçerli bir sınırlar dosyası değil: {error}</translation>
    </message>
</context>
<context>
    <name>LiveTranscription</name>
    <message>
        <source>Live recording — piece {piece}</source>
        <translation>Canlı kayıt — parça {piece}</translation>
    </message>
    <message>
        <source>pieces {pieces} could not be transcribed</source>
        <translation>{pieces} numaralı parçalar yazıya dökülemedi</translation>
    </message>
</context>
<context>
    <name>ModelCategory</name>
    <message>
        <source>chat</source>
        <translation>sohbet</translation>
    </message>
    <message>
        <source>speech-to-text</source>
        <translation>sesten metne</translation>
    </message>
    <message>
        <source>text-to-speech</source>
        <translation>metinden sese</translation>
    </message>
    <message>
        <source>safety</source>
        <translation>güvenlik</translation>
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
</context>
<context>
    <name>ProblemKind</name>
    <message>
        <source>corrupt database</source>
        <translation>bozuk veritabanı</translation>
    </message>
    <message>
        <source>database from a newer version</source>
        <translation>daha yeni bir sürümden veritabanı</translation>
    </message>
    <message>
        <source>read-only data folder</source>
        <translation>salt okunur veri klasörü</translation>
    </message>
    <message>
        <source>unreadable settings file</source>
        <translation>okunamayan ayar dosyası</translation>
    </message>
    <message>
        <source>start-up failure</source>
        <translation>başlatma hatası</translation>
    </message>
</context>
<context>
    <name>PromptTemplate</name>
    <message>
        <source>The row has no field named '{name}' (placeholder {placeholder}).</source>
        <translation>Satırda '{name}' adlı bir alan yok (yer tutucu {placeholder}).</translation>
    </message>
</context>
<context>
    <name>RateLimiter</name>
    <message>
        <source>{dimension}: a request of {amount} is more than the whole limit of {limit}</source>
        <translation>{dimension}: {amount} tutarındaki istek, sınırın tamamından ({limit}) fazla</translation>
    </message>
    <message>
        <source>{dimension}: {used} of {limit} used, {wait}</source>
        <translation>{dimension}: {used} / {limit} kullanıldı, {wait}</translation>
    </message>
    <message>
        <source>closed by 429 ({dimension}) for {wait}</source>
        <translation>429 nedeniyle {wait} kapalı ({dimension})</translation>
    </message>
    <message>
        <source>This request needs {amount} {unit}, but {model} allows at most {limit} {dimension_label} ({dimension}): it can never be sent in one go.</source>
        <translation>Bu istek {amount} {unit} gerektiriyor, ancak {model} için {dimension_label} sınırı en çok {limit} ({dimension}): istek tek seferde asla gönderilemez.</translation>
    </message>
    <message>
        <source>Lower max tokens to {max_tokens} or shorten the conversation.</source>
        <translation>En çok token değerini {max_tokens} olarak düşürün ya da sohbeti kısaltın.</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Read-aloud quota left today ({tokens} tokens) is too small for the next part</source>
        <translation>Bugün kalan sesli okuma kotası ({tokens} token) sonraki bölüm için çok az</translation>
    </message>
    <message>
        <source>Read aloud {part}</source>
        <translation>Sesli okuma {part}</translation>
    </message>
    <message>
        <source>Read-aloud quota used up for today. {hint}</source>
        <translation>Bugünkü sesli okuma kotası doldu. {hint}</translation>
    </message>
</context>
<context>
    <name>ReadingState</name>
    <message>
        <source>Fetching speech…</source>
        <translation>Konuşma alınıyor…</translation>
    </message>
    <message>
        <source>Reading aloud</source>
        <translation>Sesli okunuyor</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <source>Finished reading.</source>
        <translation>Okuma bitti.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Durduruldu.</translation>
    </message>
    <message>
        <source>Read-aloud quota used up for today.</source>
        <translation>Bugünkü sesli okuma kotası doldu.</translation>
    </message>
    <message>
        <source>Reading aloud failed.</source>
        <translation>Sesli okuma başarısız oldu.</translation>
    </message>
</context>
<context>
    <name>Retirement</name>
    <message>
        <source>Groq retired {model} on {date}.</source>
        <translation>Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı.</translation>
    </message>
    <message>
        <source>Groq retired {model} earlier.</source>
        <translation>Groq, {model} modelini daha önce kullanımdan kaldırdı.</translation>
    </message>
</context>
<context>
    <name>Scheduler</name>
    <message>
        <source>{count} requests are already queued.</source>
        <translation>Kuyrukta zaten {count} istek var.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>İstek iptal edildi.</translation>
    </message>
    <message>
        <source>The app closed the queue.</source>
        <translation>Uygulama kuyruğu kapattı.</translation>
    </message>
</context>
<context>
    <name>StartupProblem</name>
    <message>
        <source>The history database {path} is damaged and cannot be opened.</source>
        <translation>Geçmiş veritabanı {path} bozuk ve açılamıyor.</translation>
    </message>
    <message>
        <source>The history database {path} was written by a newer Groq Desktop.</source>
        <translation>Geçmiş veritabanı {path}, Groq Desktop'un daha yeni bir sürümüyle yazılmış.</translation>
    </message>
    <message>
        <source>Groq Desktop cannot write to its data folder {path}.</source>
        <translation>Groq Desktop veri klasörüne ({path}) yazamıyor.</translation>
    </message>
    <message>
        <source>The file {path} cannot be read.</source>
        <translation>{path} dosyası okunamıyor.</translation>
    </message>
    <message>
        <source>Groq Desktop could not start.</source>
        <translation>Groq Desktop başlatılamadı.</translation>
    </message>
    <message>
        <source>Move it aside to start with an empty history (the file is kept, renamed, for recovery), open its folder, or quit.</source>
        <translation>Boş bir geçmişle başlamak için dosyayı kenara alın (dosya kurtarma için yeniden adlandırılıp saklanır), klasörünü açın ya da çıkın.</translation>
    </message>
    <message>
        <source>Update Groq Desktop to open it. Or move it aside to start with an empty history here (the file is kept, renamed, for the newer version), open its folder, or quit.</source>
        <translation>Açmak için Groq Desktop'u güncelleyin. Ya da burada boş bir geçmişle başlamak için dosyayı kenara alın (dosya daha yeni sürüm için yeniden adlandırılıp saklanır), klasörünü açın ya da çıkın.</translation>
    </message>
    <message>
        <source>Make the folder writable (or set GROQ_DESKTOP_HOME to another folder) and start again.</source>
        <translation>Klasörü yazılabilir yapın (ya da GROQ_DESKTOP_HOME ile başka bir klasör belirleyin) ve yeniden başlatın.</translation>
    </message>
    <message>
        <source>Move it aside to go back to the built-in values (the file is kept, renamed), open its folder, or quit.</source>
        <translation>Yerleşik değerlere dönmek için dosyayı kenara alın (dosya yeniden adlandırılıp saklanır), klasörünü açın ya da çıkın.</translation>
    </message>
    <message>
        <source>The log has the details.</source>
        <translation>Ayrıntılar günlükte.</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The database {path} has schema version {version}; this app knows up to {known}.</source>
        <translation>{path} veritabanının şema sürümü {version}; bu uygulama en çok {known} sürümünü tanıyor.</translation>
    </message>
</context>
<context>
    <name>TokenCounter</name>
    <message>
        <source>Tokenizer file for {name} is missing ({path}).</source>
        <translation>{name} için tokenizer dosyası eksik ({path}).</translation>
    </message>
    <message>
        <source>Tokenizer file for {name} is damaged (sha256 {digest}…).</source>
        <translation>{name} için tokenizer dosyası bozuk (sha256 {digest}…).</translation>
    </message>
</context>
<context>
    <name>TranscriptionOptions</name>
    <message>
        <source>Unknown task '{task}'.</source>
        <translation>Bilinmeyen görev '{task}'.</translation>
    </message>
    <message>
        <source>{model} cannot translate; choose {translator} to translate to English.</source>
        <translation>{model} çeviri yapamaz; İngilizceye çevirmek için {translator} seçin.</translation>
    </message>
    <message>
        <source>{model} cannot translate; choose a model that translates to translate to English.</source>
        <translation>{model} çeviri yapamaz; İngilizceye çevirmek için çeviri yapabilen bir model seçin.</translation>
    </message>
    <message>
        <source>Unknown service tier '{tier}'.</source>
        <translation>Bilinmeyen hizmet katmanı '{tier}'.</translation>
    </message>
    <message>
        <source>Translation always produces English; leave the language on auto-detect.</source>
        <translation>Çeviri her zaman İngilizce üretir; dili otomatik algılamada bırakın.</translation>
    </message>
    <message>
        <source>Temperature must be between 0 and 1.</source>
        <translation>Sıcaklık 0 ile 1 arasında olmalı.</translation>
    </message>
    <message>
        <source>Timestamps must be 'segment', 'word' or both.</source>
        <translation>Zaman damgaları 'segment', 'word' ya da ikisi birden olmalı.</translation>
    </message>
    <message>
        <source>Chunks must be positive and at least three times longer than their overlap.</source>
        <translation>Parçalar pozitif ve örtüşmelerinin en az üç katı uzunlukta olmalı.</translation>
    </message>
    <message>
        <source>{model} cannot translate: using {translator} for translation.</source>
        <translation>{model} çeviri yapamaz: çeviri için {translator} kullanılıyor.</translation>
    </message>
    <message>
        <source>Translation produces English: the language is detected automatically.</source>
        <translation>Çeviri İngilizce üretir: dil otomatik olarak algılanır.</translation>
    </message>
</context>
<context>
    <name>TranscriptionService</name>
    <message>
        <source>not audio</source>
        <translation>ses değil</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>bozuk</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>boş</translation>
    </message>
    <message>
        <source>no audio track</source>
        <translation>ses parçası yok</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>okunamıyor</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>bulunamadı</translation>
    </message>
    <message>
        <source>already in the queue</source>
        <translation>zaten kuyrukta</translation>
    </message>
    <message>
        <source>unreadable ({error})</source>
        <translation>okunamıyor ({error})</translation>
    </message>
    <message>
        <source>chunk {chunk}/{count} is too large to upload even when split ({error})</source>
        <translation>parça {chunk}/{count} bölündüğünde bile yüklenemeyecek kadar büyük ({error})</translation>
    </message>
    <message>
        <source>chunk {chunk}/{count}: Groq kept refusing it for quota ({error})</source>
        <translation>parça {chunk}/{count}: Groq kota nedeniyle reddetmeyi sürdürdü ({error})</translation>
    </message>
    <message>
        <source>chunk {chunk}/{count} failed after {tries} tries</source>
        <translation>parça {chunk}/{count}, {tries} denemeden sonra başarısız oldu</translation>
    </message>
    <message>
        <source>chunk {chunk}/{count} failed</source>
        <translation>parça {chunk}/{count} başarısız oldu</translation>
    </message>
    <message>
        <source>A sibling chunk failed; this one is not sent.</source>
        <translation>Aynı işin başka bir parçası başarısız oldu; bu parça gönderilmiyor.</translation>
    </message>
    <message>
        <source>{name} — chunk {chunk}/{count}</source>
        <translation>{name} — parça {chunk}/{count}</translation>
    </message>
</context>
<context>
    <name>VoiceService</name>
    <message>
        <source>No speech-to-text model is available.</source>
        <translation>Kullanılabilir bir konuşmadan metne modeli yok.</translation>
    </message>
    <message>
        <source>No text-to-speech model is available.</source>
        <translation>Kullanılabilir bir metinden konuşmaya modeli yok.</translation>
    </message>
    <message>
        <source>No {kind} model is available.</source>
        <translation>Kullanılabilir bir {kind} modeli yok.</translation>
    </message>
    <message>
        <source>Read aloud: {text}</source>
        <translation>Sesli oku: {text}</translation>
    </message>
</context>
<context>
    <name>attachments</name>
    <message>
        <source>{name} is not a text file.</source>
        <translation>{name} bir metin dosyası değil.</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} boş.</translation>
    </message>
    <message>
        <source>{name} is {size} bytes; files over {limit} bytes are not read.</source>
        <translation>{name} {size} bayt; {limit} baytı aşan dosyalar okunmaz.</translation>
    </message>
    <message>
        <source>{name}: this kind of file cannot be attached to a message.</source>
        <translation>{name}: bu tür bir dosya mesaja eklenemez.</translation>
    </message>
    <message>
        <source>{name} could not be read as a PDF: {error}</source>
        <translation>{name} PDF olarak okunamadı: {error}</translation>
    </message>
    <message>
        <source>{name} has no text ({pages} page(s)): it looks like a scanned PDF. Attach the pages as images instead, or a PDF with a text layer.</source>
        <translation>{name} içinde metin yok ({pages} sayfa): taranmış bir PDF gibi görünüyor. Sayfaları bunun yerine görsel olarak ya da metin katmanı olan bir PDF ekleyin.</translation>
    </message>
    <message>
        <source>This file is not an image that can be read.</source>
        <translation>Bu dosya okunabilen bir görsel değil.</translation>
    </message>
    <message>
        <source>The image cannot be made smaller than {limit} bytes.</source>
        <translation>Görsel {limit} bayttan küçük yapılamıyor.</translation>
    </message>
    <message>
        <source>sent as {width} x {height} JPEG ({size}); the original is {original_width} x {original_height} ({original_size})</source>
        <translation>{width} x {height} JPEG olarak gönderildi ({size}); özgün görsel {original_width} x {original_height} ({original_size})</translation>
    </message>
    <message>
        <source>{name} could not be read: {error}</source>
        <translation>{name} okunamadı: {error}</translation>
    </message>
</context>
<context>
    <name>bulk_inputs</name>
    <message>
        <source>The column '{column}' mapped to {placeholder} is not in the file.</source>
        <translation>{placeholder} ile eşlenen '{column}' sütunu dosyada yok.</translation>
    </message>
    <message>
        <source>Line {line} of {name} is not valid JSON.</source>
        <translation>{name} dosyasının {line}. satırı geçerli JSON değil.</translation>
    </message>
</context>
<context>
    <name>bulk_jsonl</name>
    <message>
        <source>The request {custom_id} alone is larger than {limit} bytes.</source>
        <translation>{custom_id} isteği tek başına {limit} bayttan büyük.</translation>
    </message>
</context>
<context>
    <name>chat_export</name>
    <message>
        <source>The file is not valid JSON.</source>
        <translation>Dosya geçerli JSON değil.</translation>
    </message>
    <message>
        <source>The file is not a Groq Desktop conversation export.</source>
        <translation>Dosya bir Groq Desktop sohbet dışa aktarımı değil.</translation>
    </message>
    <message>
        <source>The export was written by a newer Groq Desktop.</source>
        <translation>Dışa aktarım Groq Desktop'un daha yeni bir sürümüyle yazılmış.</translation>
    </message>
    <message>
        <source>The export is missing a field: {field}.</source>
        <translation>Dışa aktarımda bir alan eksik: {field}.</translation>
    </message>
</context>
<context>
    <name>check_database</name>
    <message>
        <source>It cannot be read: {error}.</source>
        <translation>Okunamıyor: {error}.</translation>
    </message>
    <message>
        <source>It is not an SQLite database.</source>
        <translation>Bir SQLite veritabanı değil.</translation>
    </message>
    <message>
        <source>It is cut short: {size} bytes of the {expected} its header announces.</source>
        <translation>Eksik: başlığının bildirdiği {expected} baytın yalnızca {size} baytı var.</translation>
    </message>
    <message>
        <source>Its schema is version {version}; this app knows up to {known}.</source>
        <translation>Şema sürümü {version}; bu uygulama en çok {known} sürümünü tanıyor.</translation>
    </message>
</context>
<context>
    <name>check_json_file</name>
    <message>
        <source>{name} is not valid JSON: {error}</source>
        <translation>{name} geçerli JSON değil: {error}</translation>
    </message>
</context>
<context>
    <name>describe_duration</name>
    <message>
        <source>never</source>
        <translation>hiçbir zaman</translation>
    </message>
    <message>
        <source>about {seconds} s</source>
        <translation>yaklaşık {seconds} sn</translation>
    </message>
    <message>
        <source>about {minutes} min</source>
        <translation>yaklaşık {minutes} dk</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min</source>
        <translation>yaklaşık {hours} sa {minutes} dk</translation>
    </message>
    <message>
        <source>about {hours} h</source>
        <translation>yaklaşık {hours} sa</translation>
    </message>
    <message>
        <source>about {days} days</source>
        <translation>yaklaşık {days} gün</translation>
    </message>
</context>
<context>
    <name>describe_source</name>
    <message>
        <source>published table</source>
        <translation>yayımlanan tablo</translation>
    </message>
    <message>
        <source>your edit</source>
        <translation>sizin düzenlemeniz</translation>
    </message>
    <message>
        <source>from headers</source>
        <translation>başlıklardan</translation>
    </message>
    <message>
        <source>a 429 (no figure)</source>
        <translation>bir 429 (rakam yok)</translation>
    </message>
    <message>
        <source>learned from the server</source>
        <translation>sunucudan öğrenildi</translation>
    </message>
    <message>
        <source>learned from the server on {date}</source>
        <translation>{date} tarihinde sunucudan öğrenildi</translation>
    </message>
</context>
<context>
    <name>error_advice</name>
    <message>
        <source>Groq retired {model} on {date}. Continue with {replacement}.</source>
        <translation>Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı. {replacement} ile devam edin.</translation>
    </message>
    <message>
        <source>Groq retired {model} on {date}. Pick another model.</source>
        <translation>Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı. Başka bir model seçin.</translation>
    </message>
    <message>
        <source>Groq retired {model} earlier. Continue with {replacement}.</source>
        <translation>Groq, {model} modelini daha önce kullanımdan kaldırdı. {replacement} ile devam edin.</translation>
    </message>
    <message>
        <source>Groq retired {model} earlier. Pick another model.</source>
        <translation>Groq, {model} modelini daha önce kullanımdan kaldırdı. Başka bir model seçin.</translation>
    </message>
    <message>
        <source>Your organisation's spend limit is reached, so Groq blocks requests until it is raised: {url}</source>
        <translation>Kuruluşunuzun harcama sınırına ulaşıldı; sınır yükseltilene kadar Groq istekleri engelliyor: {url}</translation>
    </message>
    <message>
        <source>Groq refused the API key (wrong, revoked or deleted): create one at {url} and paste it in Settings.</source>
        <translation>Groq API anahtarını reddetti (yanlış, iptal edilmiş ya da silinmiş): {url} adresinde yeni bir anahtar oluşturup Ayarlar'a yapıştırın.</translation>
    </message>
    <message>
        <source>Access denied (403): your organisation may not allow this model or endpoint, or a proxy on your network blocked the request. Check the model's permissions in the console, or the network.</source>
        <translation>Erişim reddedildi (403): kuruluşunuz bu modele ya da uç noktaya izin vermiyor olabilir ya da ağınızdaki bir vekil sunucu isteği engelledi. Konsolda modelin izinlerini ya da ağı denetleyin.</translation>
    </message>
    <message>
        <source>Groq's flex tier has no capacity right now (the app retried with jitter). Try again, switch the service tier to on_demand, or allow falling back to on-demand in Parameters.</source>
        <translation>Groq'un flex katmanında şu an kapasite yok (uygulama rastgele aralıklarla yeniden denedi). Yeniden deneyin, hizmet katmanını on_demand yapın ya da Parametreler'de on-demand'e geri dönmeye izin verin.</translation>
    </message>
    <message>
        <source>Groq has no capacity for this request right now (the app retried with jitter); try again shortly.</source>
        <translation>Groq'un şu an bu istek için kapasitesi yok (uygulama rastgele aralıklarla yeniden denedi); birazdan yeniden deneyin.</translation>
    </message>
</context>
<context>
    <name>format_size</name>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{size} kB</source>
        <translation>{size} kB</translation>
    </message>
</context>
<context>
    <name>format_wait</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} dk</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} sa</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} sn</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} sa {minutes} dk</translation>
    </message>
</context>
<context>
    <name>load_config</name>
    <message>
        <source>GROQ_TIMEOUT must be positive and GROQ_MAX_RETRIES not negative.</source>
        <translation>GROQ_TIMEOUT pozitif, GROQ_MAX_RETRIES negatif olmayan bir değer olmalı.</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}.</source>
        <translation>{name} bir sayı olmalı, {value} verildi.</translation>
    </message>
</context>
<context>
    <name>parse_api_key</name>
    <message>
        <source>The key is empty.</source>
        <translation>Anahtar boş.</translation>
    </message>
    <message>
        <source>The key has a space or line break inside; copy it again from the Groq console.</source>
        <translation>Anahtarın içinde boşluk ya da satır sonu var; Groq konsolundan yeniden kopyalayın.</translation>
    </message>
    <message>
        <source>Groq keys start with “{prefix}”; this one does not.</source>
        <translation>Groq anahtarları “{prefix}” ile başlar; bu anahtar öyle başlamıyor.</translation>
    </message>
    <message>
        <source>This does not look like a whole Groq key; copy it again from the Groq console.</source>
        <translation>Bu, tam bir Groq anahtarına benzemiyor; Groq konsolundan yeniden kopyalayın.</translation>
    </message>
</context>
<context>
    <name>problem_from_error</name>
    <message>
        <source>SQLite says: {error}.</source>
        <translation>SQLite diyor ki: {error}.</translation>
    </message>
</context>
<context>
    <name>save_audio</name>
    <message>
        <source>Save audio</source>
        <translation>Sesi kaydet</translation>
    </message>
</context>
<context>
    <name>structured_output</name>
    <message>
        <source>Person</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Duygu</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Görev listesi</translation>
    </message>
    <message>
        <source>Not JSON: {error}</source>
        <translation>JSON değil: {error}</translation>
    </message>
    <message>
        <source>A schema is a JSON object.</source>
        <translation>Şema bir JSON nesnesidir.</translation>
    </message>
    <message>
        <source>Not a valid schema at {path}: {error}</source>
        <translation>{path} konumunda geçerli bir şema değil: {error}</translation>
    </message>
    <message>
        <source>Not a valid schema: {error}</source>
        <translation>Geçerli bir şema değil: {error}</translation>
    </message>
    <message>
        <source>Groq's structured output needs an object at the top ("type": "object").</source>
        <translation>Groq'un yapılandırılmış çıktısı en üstte bir nesne gerektirir ("type": "object").</translation>
    </message>
    <message>
        <source>The reply is not valid JSON: {error}</source>
        <translation>Yanıt geçerli JSON değil: {error}</translation>
    </message>
    <message>
        <source>The reply does not match the schema at {path}: {error}</source>
        <translation>Yanıt {path} konumunda şemaya uymuyor: {error}</translation>
    </message>
    <message>
        <source>The reply does not match the schema: {error}</source>
        <translation>Yanıt şemaya uymuyor: {error}</translation>
    </message>
    <message>
        <source>The saved schema is invalid: {error}</source>
        <translation>Kayıtlı şema geçersiz: {error}</translation>
    </message>
</context>
</TS>
